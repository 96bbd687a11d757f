using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Strategies;

namespace Verified.Coyote.SystematicTesting;

/// <summary>
/// Explores a test under a strategy for a number of iterations and stops at the first bug, keeping its schedule
/// (Coyote's TestingEngine). <see cref="Replay"/> runs a saved schedule again.
/// </summary>
public sealed class TestingEngine
{
    private readonly Configuration _configuration;
    private readonly Func<ControlledRuntime, Task> _test;
    private readonly string _scenario;

    private TestingEngine(Configuration configuration, string scenario, Func<ControlledRuntime, Task> test)
    {
        _configuration = configuration;
        _scenario = scenario;
        _test = test;
    }

    public static TestingEngine Create(Configuration configuration, string scenario, Func<ControlledRuntime, Task> test) =>
        new(configuration, scenario, test);

    public TestReport Run()
    {
        ISchedulingStrategy strategy = CreateStrategy(_configuration);
        var stopwatch = Stopwatch.StartNew();
        int explored = 0;
        int bounded = 0;
        long steps = 0;
        bool exhausted = false;
        for (int iteration = 0; iteration < _configuration.TestingIterations; iteration++)
        {
            if (_configuration.TimeBudget > TimeSpan.Zero && stopwatch.Elapsed > _configuration.TimeBudget)
            {
                break;
            }
            if (!strategy.InitializeIteration(iteration))
            {
                exhausted = true;
                break;
            }
            var runtime = new ControlledRuntime(strategy, _configuration);
            runtime.Run(_test);
            explored++;
            steps += runtime.Steps;
            bounded += runtime.ReachedStepBound ? 1 : 0;
            if (runtime.Bug is { } bug)
            {
                var trace = new TraceFile(_scenario, strategy.Name, _configuration.RandomGeneratorSeed, iteration,
                    _configuration.BuildVersion, bug, runtime.Decisions);
                return Report(explored, steps, bounded, false, stopwatch.Elapsed, strategy) with
                {
                    BugReports = [bug],
                    Trace = trace,
                    TraceOperationNames = TraceFile.NamesOf(runtime.Operations),
                };
            }
        }
        return Report(explored, steps, bounded, exhausted, stopwatch.Elapsed, strategy);
    }

    /// <summary>Runs the schedule of <paramref name="trace"/> once and says whether the same bug came back;
    /// <paramref name="decisionTaken"/> sees every decision as the replay takes it.</summary>
    public static ReplayReport Replay(TraceFile trace, Configuration configuration, Func<ControlledRuntime, Task> test,
        Action<TakenDecision>? decisionTaken = null)
    {
        var strategy = new ReplayStrategy(trace.Decisions, CreateStrategy(configuration with
        {
            SchedulingStrategy = trace.Strategy,
        }).IsFair);
        strategy.InitializeIteration(0);
        // The recorded run may have been cut at the step bound; never cut a replay shorter than the trace.
        Configuration replayConfiguration = configuration with
        {
            MaxSchedulingSteps = Math.Max(configuration.MaxSchedulingSteps, trace.Decisions.Count),
        };
        var runtime = new ControlledRuntime(strategy, replayConfiguration) { DecisionTaken = decisionTaken };
        runtime.Run(test);
        return new ReplayReport(runtime.Bug, strategy.Divergence, runtime.Steps, strategy.Unused);
    }

    private TestReport Report(int explored, long steps, int bounded, bool exhausted, TimeSpan elapsed,
        ISchedulingStrategy strategy) => new()
    {
        Scenario = _scenario,
        Strategy = strategy.Name,
        NumOfExploredSchedules = explored,
        TotalSteps = steps,
        BoundReachedSchedules = bounded,
        Exhausted = exhausted,
        DepthBoundReached = strategy is DfsStrategy { BoundReached: true },
        Elapsed = elapsed,
    };

    public static ISchedulingStrategy CreateStrategy(Configuration configuration) => configuration.SchedulingStrategy switch
    {
        "random" => new RandomStrategy(configuration.RandomGeneratorSeed),
        "pct" => new PrioritizationStrategy(configuration.RandomGeneratorSeed, configuration.StrategyBound, fair: false,
            configuration.MaxUnfairSchedulingSteps),
        "fair-pct" => new PrioritizationStrategy(configuration.RandomGeneratorSeed, configuration.StrategyBound, fair: true,
            configuration.MaxUnfairSchedulingSteps),
        "dfs" => new DfsStrategy(configuration.DfsDepthBound),
        _ => throw new ArgumentException(
            $"unknown strategy '{configuration.SchedulingStrategy}' (random, pct, fair-pct, dfs)", nameof(configuration)),
    };
}
