// The message tag (MR0) of docs/abi.md section 4: u untyped words, t typed items, the reply-expected bit and the
// label. MR0..MR8 travel in registers, MR9..MR63 in the UTCB.
using System.Runtime.CompilerServices;

namespace Verified.Kernel.Core.Abi
{
    public static class MessageTag
    {
        public const ulong ReplyExpectedBit = 1UL << 12;
        public const ulong RegisterWords = 8;
        public const uint MessageRegisters = 64;         // MR0..MR63
        public const ulong MaxWords = MessageRegisters - 1;
        private const ulong ReservedOnSend = 0xF000;   // bit 12 (set only by the kernel) and bits 13-15

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Untyped(ulong tag) => tag & 0x3F;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Typed(ulong tag) => (tag >> 6) & 0x3F;

        /// <summary>Message words after the tag: u untyped words and two per typed item.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Words(ulong tag) => Untyped(tag) + 2 * Typed(tag);

        /// <summary>True when the kernel can send this tag: reserved bits zero and u + 2t <= 63.</summary>
        public static bool IsSendable(ulong tag) => (tag & ReservedOnSend) == 0 && Words(tag) <= MaxWords;
    }
}
