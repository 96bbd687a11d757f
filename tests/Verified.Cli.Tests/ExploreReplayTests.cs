using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Verified.Cli.Infrastructure;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>explore finds a planted bug and saves its trace; replay reproduces it step by step, and reports a tampered
/// trace; explore --mutants finds every kernel mutant; --scenario selects, and bad names or numbers exit 2.</summary>
[Collection(EndToEnd.Name)]
public sealed class ExploreReplayTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void PlantedBugIsFoundSavedAndReplayed()
    {
        ProcessResult explore = VerifiedScript.Run(s_timeout, "explore", "--scenario", "engine/lock-order-deadlock",
            "--strategy", "random", "--seed", "7", "--iterations", "500");
        Assert.Equal(0, explore.ExitCode);
        Assert.Contains("planted bug found", explore.Output);
        string trace = Regex.Match(explore.Output, @"trace (\S+\.trace); replay reproduces it").Groups[1].Value;
        Assert.True(File.Exists(trace), $"no trace file in: {explore.Output}");
        Assert.Contains("scenario: engine/lock-order-deadlock", File.ReadAllText(trace));

        ProcessResult replay = VerifiedScript.Run(s_timeout, "replay", trace);
        Assert.Equal(1, replay.ExitCode);
        Assert.Contains("replay: reproduced after", replay.Output);
        // Step by step: one line per decision of the trace, in order, operation choices with the operation's name.
        MatchCollection steps = Regex.Matches(replay.Output, @"^replay:\s+(\d+)  (op|int|bool) +(\S+)( +(\S+))?\r?$",
            RegexOptions.Multiline);
        int decisions = File.ReadAllLines(trace).SkipWhile(l => l != "--").Count(l => l.StartsWith("op ", StringComparison.Ordinal));
        Assert.Equal(decisions, steps.Count);
        Assert.Equal(Enumerable.Range(1, decisions).Select(i => i.ToString()), steps.Select(m => m.Groups[1].Value));
        Assert.All(steps, m => Assert.NotEqual("", m.Groups[5].Value));
        Assert.Equal("test", steps[0].Groups[5].Value);
        Assert.Matches(@"reproduced after \d+ decisions \(\d+ scheduling steps?\): deadlock: ", replay.Output);
        Assert.True(replay.Output.IndexOf("replay: reproduced", StringComparison.Ordinal) >
            replay.Output.IndexOf(steps[^1].Value, StringComparison.Ordinal), "the verdict comes after the last decision");

        string tampered = Path.Combine(Path.GetTempPath(), $"tampered-{Guid.NewGuid():N}.trace");
        try
        {
            // Drop the last decision: the program asks for one more than the trace holds.
            string[] lines = File.ReadAllLines(trace);
            File.WriteAllLines(tampered, lines[..^1]);
            ProcessResult diverged = VerifiedScript.Run(s_timeout, "replay", tampered);
            Assert.Equal(3, diverged.ExitCode);
            Assert.Contains("replay diverged at step", diverged.Output);
        }
        finally
        {
            File.Delete(tampered);
        }
    }

    [Fact]
    public void KernelReplaySaysWhichMachineEventEachChoiceTakes()
    {
        // The machine's threads and its timer are operations of their own: the replay names the one each operation
        // decision runs.
        ProcessResult explore = VerifiedScript.Run(s_timeout, "explore", "--scenario", "kernel/timeout-loses-phase",
            "--strategy", "random", "--iterations", "1000");
        Assert.Equal(0, explore.ExitCode);
        string trace = Regex.Match(explore.Output, @"trace (\S+\.trace); replay reproduces it").Groups[1].Value;
        ProcessResult replay = VerifiedScript.Run(s_timeout, "replay", trace);
        Assert.Equal(1, replay.ExitCode);
        Assert.Matches(@"(?m)^replay:\s+\d+  op   \d+ +receiver\r?$", replay.Output);
        Assert.Matches(@"(?m)^replay:\s+\d+  op   \d+ +sender\r?$", replay.Output);
        Assert.Matches(@"(?m)^replay:\s+\d+  op   \d+ +timer\r?$", replay.Output);
        Assert.DoesNotMatch(@"(?m)^replay:\s+\d+  int ", replay.Output);
        Assert.Contains("receiver c, sender b", replay.Output);
    }

    [Fact]
    public void EveryMutantIsFoundAndReplayed()
    {
        // The kernel's planted bugs with the default settings, as CI runs them: at least 8, all found, all replayed.
        ProcessResult mutants = VerifiedScript.Run(s_timeout, "explore", "--mutants");
        Assert.Equal(0, mutants.ExitCode);
        Match summary = Regex.Match(mutants.Output, @"^mutants: (\d+)/(\d+) found\r?$", RegexOptions.Multiline);
        Assert.True(summary.Success, $"no mutants summary in: {mutants.Output}");
        Assert.Equal(summary.Groups[2].Value, summary.Groups[1].Value);
        Assert.True(int.Parse(summary.Groups[2].Value) >= 8, summary.Value);
        Assert.Equal(int.Parse(summary.Groups[2].Value), Regex.Matches(mutants.Output, "replay reproduces it").Count);
        // No engine scenario ran (a line per scenario names it; trace paths may contain "engine/" too).
        Assert.DoesNotContain("explore: engine/", mutants.Output);
    }

    [Fact]
    public void FixedModelIsExploredExhaustivelyWithoutBug()
    {
        // dfs explores every schedule of the fixed model within the bound: no bug, exhaustively.
        ProcessResult fixedModel = VerifiedScript.Run(s_timeout, "explore", "engine/lost-update-fixed",
            "--strategy", "dfs", "--iterations", "100000");
        Assert.Equal(0, fixedModel.ExitCode);
        Assert.Contains("every schedule within the bound", fixedModel.Output);
    }

    [Fact]
    public void DfsEndsEveryKernelScheduleAndExhaustsWithinItsDepthBound()
    {
        // The simulated kernel's timer can always fire: without a depth bound dfs ran into "threads still running".
        ProcessResult dfs = VerifiedScript.Run(s_timeout, "explore", "--scenario", "kernel/wake-preempts,kernel/polling-call",
            "--strategy", "dfs", "--depth", "8", "--iterations", "100000");
        Assert.Equal(0, dfs.ExitCode);
        Assert.Equal(2, Regex.Matches(dfs.Output,
            @"no bug in \d+ schedules.*, every schedule within the bound: each branch of the first 8 choices").Count);
        ProcessResult unbounded = VerifiedScript.Run(s_timeout, "explore", "--scenario", "kernel/cancel-vs-rendezvous",
            "--strategy", "dfs", "--iterations", "500");
        Assert.Equal(0, unbounded.ExitCode);
        Assert.Contains("no bug in 500 schedules", unbounded.Output);
        Assert.Contains("not exhausted", unbounded.Output);
    }

    [Fact]
    public void ScenarioFlagIsRepeatableAndCommaSeparatedAndPositionalNamesStillWork()
    {
        ProcessResult explore = VerifiedScript.Run(s_timeout, "explore", "engine/lost-update-fixed",
            "--scenario", "engine/dropped-request-fixed,engine/lock-order-deadlock", "--scenario", "engine/late-initialization",
            "--iterations", "300");
        Assert.Equal(0, explore.ExitCode);
        Assert.Contains("explore: engine/lost-update-fixed (pct, seed 0): no bug", explore.Output);
        Assert.Contains("explore: engine/dropped-request-fixed (pct, seed 0): no bug", explore.Output);
        Assert.Contains("explore: engine/lock-order-deadlock (pct, seed 0): planted bug found", explore.Output);
        Assert.Contains("explore: engine/late-initialization (pct, seed 0): planted bug found", explore.Output);
        Assert.Contains("explore: 4 passed, 0 failed", explore.Output);
    }

    [Theory]
    [InlineData("unknown scenario 'kernel/nope'", "--scenario", "engine/lost-update,kernel/nope")]
    [InlineData("unknown scenario 'nope'", "nope")]
    [InlineData("unknown strategy 'bfs'; valid strategies: random, pct, fair-pct, dfs", "--strategy", "bfs")]
    [InlineData("--iterations takes a whole number from 1", "--iterations", "0")]
    [InlineData("--depth takes a whole number from 1", "--depth", "-2")]
    [InlineData("'abc' for option '--iterations'", "--iterations", "abc")]
    [InlineData("'-1' for option '--seed'", "--seed", "-1")]
    public void BadScenarioStrategyOrNumberExitsTwoAndSaysWhatIsValid(string message, params string[] arguments)
    {
        ProcessResult explore = VerifiedScript.Run(s_timeout, ["explore", .. arguments]);
        Assert.Equal(2, explore.ExitCode);
        Assert.Contains(message, explore.Output);
        Assert.DoesNotContain("explore: ", explore.Output);
        if (message.StartsWith("unknown scenario", StringComparison.Ordinal))
        {
            // The error lists every valid name, so the user can pick one.
            Assert.Contains("groups engine, kernel", explore.Output);
            Assert.Contains("  kernel/cancel-vs-rendezvous", explore.Output);
            Assert.Contains("  engine/lost-update-fixed", explore.Output);
        }
    }
}
