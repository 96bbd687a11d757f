using System.Linq;
using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Coyote.SystematicTesting;
using Verified.Explorer.Scenarios.Engine;
using Xunit;

namespace Verified.Coyote.Tests;

/// <summary>The engine's own guarantees: exhaustive dfs, determinism, traces, divergence, error reporting.</summary>
public sealed class EngineTests : EngineTestBase
{
    /// <summary>Two operations of k scheduling points each: (2(k+1) choose k+1) interleavings, no more, no fewer.</summary>
    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 20)]
    [InlineData(3, 70)]
    public void DfsExploresEveryInterleavingExactlyOnce(int points, int expected)
    {
        var seen = new System.Collections.Generic.HashSet<string>();
        TestReport report = Test(ConfigurationFor("dfs", iterations: 10_000), "interleavings", runtime =>
        {
            var order = new System.Text.StringBuilder();
            async Task Worker(char name)
            {
                for (int i = 0; i < points; i++)
                {
                    order.Append(name);
                    await runtime.SchedulingPoint();
                }
                order.Append(name);
                if (order.Length == 2 * (points + 1))
                {
                    Assert.True(seen.Add(order.ToString()), $"schedule {order} explored twice");
                }
            }
            runtime.CreateOperation("a", () => Worker('a'));
            runtime.CreateOperation("b", () => Worker('b'));
            return Task.CompletedTask;
        });
        Assert.True(report.Exhausted);
        Assert.Equal(expected, report.NumOfExploredSchedules);
        Assert.Equal(expected, seen.Count);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void SameSeedSameSchedule(string strategy)
    {
        TestReport first = TestingEngine.Create(ConfigurationFor(strategy), "lost-update", LostUpdate.Buggy).Run();
        TestReport second = TestingEngine.Create(ConfigurationFor(strategy), "lost-update", LostUpdate.Buggy).Run();
        Assert.Equal(first.NumOfExploredSchedules, second.NumOfExploredSchedules);
        Assert.Equal(first.Trace!.ToText(), second.Trace!.ToText());
    }

    [Fact]
    public void TraceFileIsReadableAndRoundTrips()
    {
        TestReport report = TestWithError(ConfigurationFor("pct"), "lost-update", LostUpdate.Buggy, "lost update");
        string text = report.Trace!.ToText(report.TraceOperationNames);
        Assert.StartsWith("# Verified systematic-testing trace\nscenario: lost-update\nstrategy: pct\nseed: 17\n",
            text.ReplaceLineEndings("\n"));
        Assert.Contains("# writer-a", text);
        TraceFile parsed = TraceFile.Parse(text);
        Assert.Equal(report.Trace.Decisions, parsed.Decisions);
        Assert.Equal(report.Trace.Bug, parsed.Bug);
    }

    [Fact]
    public void ReplayOfAChangedProgramReportsDivergence()
    {
        TestReport report = TestWithError(ConfigurationFor("random"), "lost-update", LostUpdate.Buggy, "lost update");
        // The fixed program takes a lock first: the recorded schedule no longer fits it.
        ReplayReport replay = TestingEngine.Replay(report.Trace!, ConfigurationFor("random"), LostUpdate.Fixed);
        Assert.False(replay.Reproduced(report.Trace!));
        Assert.NotNull(replay.Divergence);
        Assert.StartsWith("replay diverged at step ", replay.Divergence);
    }

    [Fact]
    public void UnhandledExceptionIsABug()
    {
        TestReport report = TestWithError(ConfigurationFor("random", iterations: 10), "throws", async runtime =>
        {
            await runtime.SchedulingPoint();
            throw new System.InvalidOperationException("boom");
        }, "unhandled InvalidOperationException in test#1: boom");
        Assert.Equal(1, report.NumOfExploredSchedules);
    }

    [Fact]
    public void AwaitingUncontrolledWorkIsReportedNotHung()
    {
        TestWithError(ConfigurationFor("random", iterations: 1), "uncontrolled", async _ =>
        {
            await new TaskCompletionSource().Task; // never completes, and the engine cannot schedule it
        }, "awaits something outside the engine's control", replay: false);
    }

    [Fact]
    public void StepBoundCutsInfiniteLoopsWithoutABugUnderUnfairStrategies()
    {
        TestReport report = Test(ConfigurationFor("pct", iterations: 5), "spin", async runtime =>
        {
            while (true)
            {
                await runtime.SchedulingPoint();
            }
        });
        Assert.Equal(5, report.BoundReachedSchedules);
        Assert.Equal(5 * 500, report.TotalSteps);
    }

    [Fact]
    public void ControlledRandomChoicesAreRecordedAndReplayed()
    {
        TestWithError(ConfigurationFor("random", iterations: 1_000), "choices", async runtime =>
        {
            int sum = 0;
            for (int i = 0; i < 4; i++)
            {
                await runtime.SchedulingPoint();
                sum += runtime.RandomBoolean() ? runtime.RandomInteger(5) : 0;
            }
            Specification.Assert(sum != 7, "sum reached 7");
        }, "sum reached 7");
    }

    [Fact]
    public void ReplayReportsEveryDecisionAsItIsTakenWithTheOperationName()
    {
        TestReport report = TestWithError(ConfigurationFor("random"), "lost-update", LostUpdate.Buggy, "lost update");
        var taken = new System.Collections.Generic.List<TakenDecision>();
        ReplayReport replay = TestingEngine.Replay(report.Trace!, ConfigurationFor("random"), LostUpdate.Buggy, taken.Add);
        Assert.True(replay.Reproduced(report.Trace!));
        Assert.Equal(report.Trace!.Decisions, taken.Select(t => t.Decision));
        Assert.Equal(Enumerable.Range(1, taken.Count), taken.Select(t => t.Number));
        Assert.All(taken, t => Assert.Equal(report.TraceOperationNames![t.Decision.Value], t.Meaning));
    }

    [Fact]
    public void DfsBranchesOnlyWithinItsDepthBoundSoEndlessChoicesStillEnd()
    {
        // Every iteration may go on for ever (as the simulated kernel's timer may always fire once more). Within a bound
        // of 5 choices dfs explores "stop after k more" for k = 0..5: six schedules, then it is exhausted.
        var lengths = new System.Collections.Generic.List<int>();
        TestReport report = Test(ConfigurationFor("dfs", iterations: 1_000).WithDfsStrategy(depthBound: 5), "endless",
            runtime =>
            {
                int more = 0;
                while (runtime.RandomBoolean())
                {
                    more++;
                }
                lengths.Add(more);
                return Task.CompletedTask;
            });
        Assert.True(report.Exhausted);
        Assert.True(report.DepthBoundReached);
        Assert.Equal(6, report.NumOfExploredSchedules);
        Assert.Equal(Enumerable.Range(0, 6), lengths.Order());
    }

    [Fact]
    public void DfsWithoutChoicesBeyondItsBoundIsExhaustiveNotBounded()
    {
        TestReport report = Test(ConfigurationFor("dfs", iterations: 1_000), "lost-update-fixed", LostUpdate.Fixed);
        Assert.True(report.Exhausted);
        Assert.False(report.DepthBoundReached);
    }
}
