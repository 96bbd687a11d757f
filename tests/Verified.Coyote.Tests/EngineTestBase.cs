using System;
using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.SystematicTesting;
using Xunit;

namespace Verified.Coyote.Tests;

/// <summary>Coyote-style helpers: Test expects no bug; TestWithError expects one and, by default, replays it.</summary>
public abstract class EngineTestBase
{
    public static readonly TheoryData<string> Strategies = new() { "random", "pct", "fair-pct", "dfs" };

    protected static Configuration ConfigurationFor(string strategy, int iterations = 1_000, ulong seed = 17) =>
        Configuration.Create()
            .WithTestingIterations(iterations)
            .WithMaxSchedulingSteps(500)
            .WithRandomGeneratorSeed(seed)
            .WithBuildVersion("tests") with
        { SchedulingStrategy = strategy };

    protected static TestReport Test(Configuration configuration, string scenario, Func<ControlledRuntime, Task> test)
    {
        TestReport report = TestingEngine.Create(configuration, scenario, test).Run();
        Assert.True(report.NumOfFoundBugs == 0,
            $"{scenario} under {configuration.SchedulingStrategy}: unexpected bug: {string.Join("; ", report.BugReports)}");
        return report;
    }

    protected static TestReport TestWithError(Configuration configuration, string scenario,
        Func<ControlledRuntime, Task> test, string expectedBug, bool replay = true)
    {
        TestReport report = TestingEngine.Create(configuration, scenario, test).Run();
        Assert.True(report.NumOfFoundBugs == 1,
            $"{scenario} under {configuration.SchedulingStrategy}: no bug in {report.NumOfExploredSchedules} schedules");
        Assert.Contains(expectedBug, report.BugReports[0]);
        TraceFile trace = report.Trace!;
        if (replay)
        {
            // Through the text form, as `verified replay FILE` would read it.
            TraceFile reloaded = TraceFile.Parse(trace.ToText(report.TraceOperationNames));
            ReplayReport again = TestingEngine.Replay(reloaded, configuration, test);
            Assert.True(again.Reproduced(reloaded),
                $"replay of {scenario}: bug '{again.Bug}', divergence '{again.Divergence}', unused {again.UnusedDecisions}");
        }
        return report;
    }
}
