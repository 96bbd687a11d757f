using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Coyote.SystematicTesting;
using Verified.Explorer.Scenarios;
using Xunit;

namespace Verified.Coyote.Tests;

/// <summary>
/// Operations an external scheduler runs (the simulated machine's threads, timer and devices): their choices are
/// ordinary scheduling decisions, so every strategy, replay, dfs and the step bound treat them as they treat the
/// engine's own operations.
/// </summary>
public sealed class ExternalOperationTests : EngineTestBase
{
    /// <summary>A machine of its own inside the test operation: each worker runs <paramref name="steps"/> steps;
    /// <paramref name="onStep"/> sees the order. Workers are made when first enabled, as the kernel's bridge does.</summary>
    private static Task Machine(ControlledRuntime runtime, int workers, int steps, System.Action<string> onStep,
        bool endlessTicker = false, bool tickerYields = false)
    {
        var operations = new Dictionary<int, ControlledOperation>();
        var left = Enumerable.Repeat(steps, workers).ToArray();
        var enabled = new List<ControlledOperation>();
        ControlledOperation? ticker = null;
        while (left.Any(l => l > 0))
        {
            enabled.Clear();
            for (int w = 0; w < workers; w++)
            {
                if (left[w] > 0)
                {
                    if (!operations.TryGetValue(w, out ControlledOperation? op))
                    {
                        operations[w] = op = runtime.CreateExternalOperation($"worker {w}");
                    }
                    enabled.Add(op);
                }
            }
            if (endlessTicker)
            {
                enabled.Add(ticker ??= runtime.CreateExternalOperation("ticker"));
            }
            ControlledOperation next = runtime.ScheduleExternal(enabled);
            if (ReferenceEquals(next, ticker))
            {
                onStep("ticker");
                if (tickerYields)
                {
                    runtime.Deprioritize(ticker);
                }
                continue;
            }
            int worker = operations.Single(p => ReferenceEquals(p.Value, next)).Key;
            left[worker]--;
            onStep(next.Name);
        }
        return Task.CompletedTask;
    }

    /// <summary>Planted: worker 1 must not finish before worker 0 has started (a depth-2 ordering bug).</summary>
    private static Task OrderingBug(ControlledRuntime runtime)
    {
        bool zeroStarted = false;
        int oneSteps = 0;
        return Machine(runtime, workers: 3, steps: 2, name =>
        {
            zeroStarted |= name == "worker 0";
            oneSteps += name == "worker 1" ? 1 : 0;
            Specification.Assert(zeroStarted || oneSteps < 2, "worker 1 finished before worker 0 started");
        });
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void ExternalChoicesAreFoundAsBugsAndReplayFromOperationDecisions(string strategy)
    {
        TestReport report = TestWithError(ConfigurationFor(strategy), "external-ordering", OrderingBug,
            "worker 1 finished before worker 0 started");
        string text = report.Trace!.ToText(report.TraceOperationNames);
        Assert.Contains("# worker 1", text);
        Assert.All(report.Trace.Decisions, d => Assert.Equal(DecisionKind.Schedule, d.Kind));
    }

    [Fact]
    public void DfsEnumeratesEveryExternalInterleavingOnce()
    {
        var seen = new HashSet<string>();
        TestReport report = Test(ConfigurationFor("dfs", iterations: 10_000), "external-interleavings", runtime =>
        {
            var order = new System.Text.StringBuilder();
            return Machine(runtime, workers: 2, steps: 2, name =>
            {
                order.Append(name[^1]);
                if (order.Length == 4)
                {
                    Assert.True(seen.Add(order.ToString()), $"schedule {order} explored twice");
                }
            });
        });
        Assert.True(report.Exhausted);
        Assert.Equal(6, report.NumOfExploredSchedules);
    }

    [Fact]
    public void ExternalStepsCountAndTheStepBoundCutsThemWithoutABug()
    {
        TestReport report = Test(ConfigurationFor("pct", iterations: 50) with { MaxSchedulingSteps = 40 },
            "endless-ticker", runtime => Machine(runtime, workers: 2, steps: 3, _ => { }, endlessTicker: true));
        Assert.True(report.BoundReachedSchedules > 0, "the ticker at the top priority never hit the bound");
        Assert.True(report.TotalSteps > 50 * 6, $"{report.TotalSteps} steps: external choices are steps");
    }

    /// <summary>An always-enabled operation that yields after each run cannot starve the others under PCT.</summary>
    [Fact]
    public void AYieldingExternalOperationDoesNotStarveTheOthersUnderPct()
    {
        TestReport report = Test(ConfigurationFor("pct", iterations: 200) with { MaxSchedulingSteps = 40 },
            "yielding-ticker", runtime => Machine(runtime, workers: 2, steps: 3, _ => { }, endlessTicker: true,
                tickerYields: true));
        Assert.Equal(0, report.BoundReachedSchedules);
    }

    /// <summary>The kernel's threads are operations: a kernel trace names them in its operation decisions.</summary>
    [Fact]
    public void KernelTracesScheduleTheSimThreadsAsOperations()
    {
        Scenario scenario = ScenarioCatalog.Find("kernel/timeout-loses-phase")!;
        TestReport report = TestWithError(ConfigurationFor("pct"), scenario.Name, scenario.Test, scenario.PlantedBug!);
        string text = report.Trace!.ToText(report.TraceOperationNames);
        Assert.Contains("# receiver", text);
        Assert.Contains("# sender", text);
        Assert.DoesNotContain(report.Trace.Decisions, d => d.Kind == DecisionKind.Integer);
    }
}
