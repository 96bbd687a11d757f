namespace Verified.Coyote.Runtime;

/// <summary>
/// SplitMix64: the engine's only source of randomness. Our own generator (not System.Random) so that a seed means the
/// same schedules on every .NET version, which is what makes a seed in a bug report worth keeping.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _state;

    public DeterministicRandom(ulong seed)
    {
        _state = seed;
    }

    /// <summary>A generator for one iteration, independent of how many numbers earlier iterations drew.</summary>
    public static DeterministicRandom ForIteration(ulong seed, int iteration) =>
        new(Mix(seed ^ Mix((ulong)iteration + 0x9E3779B97F4A7C15UL)));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, maxExclusive); rejection sampling keeps it unbiased.</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 1)
        {
            return 0;
        }
        ulong bound = (ulong)maxExclusive;
        ulong limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong value;
        do
        {
            value = NextUInt64();
        }
        while (value >= limit);
        return (int)(value % bound);
    }

    public bool NextBoolean() => (NextUInt64() & 1) == 1;

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
