using System.Collections.Generic;
using Verified.Coyote.Runtime;

namespace Verified.Coyote.Strategies;

/// <summary>Uniformly random choice at every decision; a fresh, seed-derived generator per iteration.</summary>
public sealed class RandomStrategy : ISchedulingStrategy
{
    private readonly ulong _seed;
    private DeterministicRandom _random;

    public RandomStrategy(ulong seed)
    {
        _seed = seed;
        _random = new DeterministicRandom(seed);
    }

    public string Name => "random";

    public bool IsFair => true;

    public bool InitializeIteration(int iteration)
    {
        _random = DeterministicRandom.ForIteration(_seed, iteration);
        return true;
    }

    public ControlledOperation NextOperation(IReadOnlyList<ControlledOperation> enabled, ControlledOperation? current, int step) =>
        enabled[_random.Next(enabled.Count)];

    public bool NextBoolean(int step) => _random.NextBoolean();

    public int NextInteger(int maxExclusive, int step) => _random.Next(maxExclusive);
}
