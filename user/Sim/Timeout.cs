// 16-bit timeout fields of docs/abi.md section 4 and the timeout word that holds four of them.
using System;

namespace Verified.User.Sim
{
    public static class Timeout
    {
        public const ushort Zero = 0x0000;
        public const ushort Never = 0xFFFF;

        /// <summary>The smallest relative encoding (m * 2^e, m < 1024) that waits at least <paramref name="ticks"/>.</summary>
        public static ushort Ticks(ulong ticks)
        {
            if (ticks == 0)
            {
                return Zero;
            }
            int exponent = 0;
            while (ticks > 1023)
            {
                ticks = (ticks + 1) >> 1;
                exponent++;
            }
            if (exponent > 22)
            {
                throw new ArgumentOutOfRangeException(nameof(ticks), "longer than the longest relative timeout");
            }
            return (ushort)((exponent << 10) | (int)ticks);
        }

        /// <summary>Every phase infinite.</summary>
        public const ulong AllNever = 0xFFFF_FFFF_FFFF_FFFF;

        /// <summary>The rdx word of Ipc: send and receive phase (page-fault timeouts: infinite).</summary>
        public static ulong Word(ushort send, ushort receive) =>
            send | ((ulong)receive << 16) | ((ulong)Never << 32) | ((ulong)Never << 48);

        /// <summary>The rdx word with all four fields: send, receive, send page fault, receive page fault.</summary>
        public static ulong Word(ushort send, ushort receive, ushort sendPageFault, ushort receivePageFault) =>
            send | ((ulong)receive << 16) | ((ulong)sendPageFault << 32) | ((ulong)receivePageFault << 48);
    }
}
