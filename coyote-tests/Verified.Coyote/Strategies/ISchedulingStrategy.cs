using System.Collections.Generic;
using Verified.Coyote.Runtime;

namespace Verified.Coyote.Strategies;

/// <summary>Decides, at every scheduling point and controlled random choice, what happens next.</summary>
public interface ISchedulingStrategy
{
    /// <summary>The name used in configurations and trace headers ("random", "pct", "fair-pct", "dfs", "replay").</summary>
    string Name { get; }

    /// <summary>Fair strategies eventually run every enabled operation, so hot monitors mean liveness bugs.</summary>
    bool IsFair { get; }

    /// <summary>Prepares iteration <paramref name="iteration"/>; false when the strategy has nothing left to explore.</summary>
    bool InitializeIteration(int iteration);

    /// <summary>Picks one of the enabled operations (never empty; the engine's own operations ordered by creation,
    /// an external scheduler's in its own stable order).</summary>
    ControlledOperation NextOperation(IReadOnlyList<ControlledOperation> enabled, ControlledOperation? current, int step);

    bool NextBoolean(int step);

    int NextInteger(int maxExclusive, int step);

    /// <summary><paramref name="operation"/> yields (ControlledRuntime.Deprioritize): a strategy with priorities
    /// moves it to the lowest; the others have nothing to do.</summary>
    void Deprioritize(ControlledOperation operation)
    {
    }
}
