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

    /// <summary>The default of <see cref="DfsDepthBound"/>: above the real choices of a schedule of the engine's models
    /// (late-initialization has about 55), and far below the machine steps a kernel scenario allows a run (400), so a
    /// schedule that spends its choices firing the timer still ends. Kernel scenarios make about 10 choices when the
    /// timer does not fire for nothing; `--depth 8` to 10 exhausts most of them in seconds.</summary>
    public const int DefaultDfsDepthBound = 64;

    /// <summary>dfs: real choices (two or more branches) per schedule it branches on; later ones take the first branch,
    /// so every schedule ends even where choices never run out (a timer that can always fire).</summary>
    public int DfsDepthBound { get; init; } = DefaultDfsDepthBound;

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

    public Configuration WithDfsStrategy(int depthBound = DefaultDfsDepthBound) =>
        this with { SchedulingStrategy = "dfs", DfsDepthBound = depthBound };

    public Configuration WithTimeBudget(TimeSpan budget) => this with { TimeBudget = budget };

    public Configuration WithLivenessTemperatureThreshold(int steps) => this with { LivenessTemperatureThreshold = steps };

    public Configuration WithBuildVersion(string version) => this with { BuildVersion = version };
}
