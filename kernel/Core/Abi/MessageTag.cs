// The message tag (MR0) of docs/abi.md section 4: u untyped words, t typed items, the reply-expected bit and the
// label. This slice carries register messages only: u + 2t <= 8 words (MR1..MR8), typed items included.
namespace Verified.Kernel.Core.Abi
{
    public static class MessageTag
    {
        public const ulong ReplyExpectedBit = 1UL << 12;
        public const ulong RegisterWords = 8;
        private const ulong ReservedOnSend = 0xF000;   // bit 12 (set only by the kernel) and bits 13-15

        public static ulong Untyped(ulong tag) => tag & 0x3F;

        public static ulong Typed(ulong tag) => (tag >> 6) & 0x3F;

        /// <summary>Message words after the tag: u untyped words and two per typed item.</summary>
        public static ulong Words(ulong tag) => Untyped(tag) + 2 * Typed(tag);

        /// <summary>True when the kernel can send this tag: reserved bits zero and (this slice) no words beyond the
        /// registers (so u + 2t <= 63 holds too).</summary>
        public static bool IsSendable(ulong tag) => (tag & ReservedOnSend) == 0 && Words(tag) <= RegisterWords;
    }
}
