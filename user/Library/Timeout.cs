// 16-bit timeout fields of docs/abi.md section 4 and the timeout word (rdx) that holds four of them.
namespace Verified.User.Library
{
    public static class Timeout
    {
        public const ushort Zero = 0x0000;
        public const ushort Never = 0xFFFF;

        /// <summary>Every phase infinite.</summary>
        public const ulong AllNever = 0xFFFF_FFFF_FFFF_FFFF;

        /// <summary>The longest relative timeout: m = 1023, e = 22.</summary>
        public const ushort Longest = (22 << 10) | 1023;

        /// <summary>The smallest relative encoding (m * 2^e, m &lt; 1024) that waits at least <paramref name="ticks"/>;
        /// longer than the longest relative timeout gives <see cref="Longest"/>.</summary>
        public static ushort Ticks(ulong ticks)
        {
            if (ticks == 0)
            {
                return Zero;
            }
            int exponent = 0;
            while (ticks > 1023)
            {
                ticks = (ticks >> 1) + (ticks & 1);   // rounds up without overflowing at 2^64 - 1
                exponent++;
            }
            return exponent > 22 ? Longest : (ushort)((exponent << 10) | (int)ticks);
        }

        /// <summary>The ticks a relative field means (m * 2^e); Zero is 0.</summary>
        public static ulong TicksOf(ushort field) => (ulong)(field & 0x3FF) << ((field >> 10) & 0x1F);

        /// <summary>The rdx word of Ipc: send and receive phase (page-fault timeouts: infinite).</summary>
        public static ulong Word(ushort send, ushort receive) => Word(send, receive, Never, Never);

        /// <summary>The rdx word with all four fields: send, receive, send page fault, receive page fault.</summary>
        public static ulong Word(ushort send, ushort receive, ushort sendPageFault, ushort receivePageFault) =>
            send | ((ulong)receive << 16) | ((ulong)sendPageFault << 32) | ((ulong)receivePageFault << 48);
    }
}
