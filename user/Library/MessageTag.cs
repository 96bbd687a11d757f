// MR0, the message tag (docs/abi.md section 4): u untyped words in bits 0-5, t typed items in bits 6-11, bit 12 the
// reply-expected flag on receive, the 48-bit label in bits 16-63.
namespace Verified.User.Library
{
    public static class MessageTag
    {
        public const ulong ReplyExpectedBit = 1UL << 12;
        public const int MaxWords = 63;

        /// <summary>The tag of a message with <paramref name="untyped"/> words and <paramref name="items"/> typed items
        /// (no checks: scenarios build malformed ones on purpose).</summary>
        public static ulong Of(ulong label, int untyped, int items) =>
            (label << 16) | ((ulong)(uint)items << 6) | (uint)untyped;

        public static ulong Label(ulong tag) => tag >> 16;

        public static int Untyped(ulong tag) => (int)(tag & 0x3F);

        public static int Items(ulong tag) => (int)((tag >> 6) & 0x3F);

        public static bool ReplyExpected(ulong tag) => (tag & ReplyExpectedBit) != 0;

        /// <summary>MR1.. words the message occupies: u + 2t.</summary>
        public static int Length(ulong tag) => Untyped(tag) + 2 * Items(tag);
    }
}
