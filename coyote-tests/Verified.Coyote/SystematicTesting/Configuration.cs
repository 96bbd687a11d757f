using System;

namespace Verified.Coyote.SystematicTesting;

/// <summary>
/// How a test is explored (Coyote's Configuration): iterations, step bound, seed, strategy, time budget. Immutable;
/// the With* methods return a changed copy, so a configuration reads as one fluent expression.
/// </summary>
public sealed record Configuration
{
    public int TestingIterations { get; init; } = 100;

    /// <summary>Scheduling steps per iteration before it is cut off (fair strategies then judge hot monitors).</summary>
    public int MaxSchedulingSteps { get; init; } = 10_000;

    public ulong RandomGeneratorSeed { get; init; } = 0;

    /// <summary>"random", "pct", "fair-pct", "dfs" or "replay".</summary>
    public string SchedulingStrategy { get; init; } = "random";

    /// <summary>PCT's priority change points per iteration (bug depth - 1).</summary>
    public int StrategyBound { get; init; } = 3;

    /// <summary>fair-pct: steps scheduled by priority before switching to random (fair) scheduling.</summary>
    public int MaxUnfairSchedulingSteps { get; init; } = 200;

    /// <summary>Steps a monitor may stay hot under a fair schedule before it counts as a liveness bug.</summary>
    public int LivenessTemperatureThreshold { get; init; } = 5_000;

    /// <summary>Stops exploring (without failing) when exceeded; zero means no budget.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.Zero;

    /// <summary>Names the build in trace headers, so a replay can tell which program wrote the trace.</summary>
    public string BuildVersion { get; init; } = "unknown";

    public static Configuration Create() => new();

    public Configuration WithTestingIterations(int iterations) => this with { TestingIterations = iterations };

    public Configuration WithMaxSchedulingSteps(int steps) => this with { MaxSchedulingSteps = steps };

    public Configuration WithRandomGeneratorSeed(ulong seed) => this with { RandomGeneratorSeed = seed };

    public Configuration WithRandomStrategy() => this with { SchedulingStrategy = "random" };

    public Configuration WithPrioritizationStrategy(bool isFair = false, int priorityChangeBound = 3) =>
        this with { SchedulingStrategy = isFair ? "fair-pct" : "pct", StrategyBound = priorityChangeBound + 1 };

    public Configuration WithDfsStrategy() => this with { SchedulingStrategy = "dfs" };

    public Configuration WithTimeBudget(TimeSpan budget) => this with { TimeBudget = budget };

    public Configuration WithLivenessTemperatureThreshold(int steps) => this with { LivenessTemperatureThreshold = steps };

    public Configuration WithBuildVersion(string version) => this with { BuildVersion = version };
}
