// SplitMix64 (Steele, Lea, Flood 2014): a tiny PRNG whose output is fixed by its seed forever, unlike System.Random,
// whose algorithm may change between .NET versions. The same algorithm and constants as the engine's
// DeterministicRandom (coyote-tests), so a seed means the same numbers on both sides.
namespace Verified.Hal.Sim.Machine
{
    public struct SplitMix64
    {
        private ulong _state;

        public SplitMix64(ulong seed)
        {
            _state = seed;
        }

        public ulong NextUInt64()
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, bound) by rejection, so no value is favoured; 0 when bound is 0 or 1.</summary>
        public int Next(int bound)
        {
            if (bound <= 1)
            {
                return 0;
            }
            ulong b = (ulong)bound;
            ulong limit = ulong.MaxValue - (ulong.MaxValue % b);
            ulong value;
            do
            {
                value = NextUInt64();
            }
            while (value >= limit);
            return (int)(value % b);
        }
    }
}
