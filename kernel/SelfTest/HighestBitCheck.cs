// The HAL's bit scan (spec/HalBits.dfy, an axiom of the IPC core's priority bitmaps) against a plain scan: every
// power of two, its neighbours, and pseudo-random words of every width.
namespace Verified.Kernel.SelfTest
{
    internal sealed class HighestBitCheck : SelfCheck
    {
        public override string Name => "HAL bit scan: the highest set bit as the contract states it";

        public override string? Run()
        {
            for (int p = 0; p < 32; p++)
            {
                uint bit = 1u << p;
                string? failure = Check(bit) ?? Check(bit | (bit - 1)) ?? Check(bit + 1 == 0 ? bit : bit + 1);
                if (failure != null)
                {
                    return failure;
                }
            }
            uint x = 0x9E37_79B9;
            for (int i = 0; i < 4096; i++)
            {
                // xorshift32, then cut to a width that varies with i, so that every bit position is the top one often.
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                uint w = x >> (i & 31);
                if (w != 0 && Check(w) is { } failure)
                {
                    return failure;
                }
            }
            return null;
        }

        private static string? Check(uint w)
        {
            uint want = 31;
            while ((w >> (int)want) == 0)
            {
                want--;
            }
            uint got = HalBits.__default.HalHighestBit(w);
            return got == want ? null : string.Concat("highest bit of ", w.ToString(), ": ", got.ToString(), " instead of ", want.ToString());
        }
    }
}
