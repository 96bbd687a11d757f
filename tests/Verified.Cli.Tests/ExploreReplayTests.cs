using System;
using System.IO;
using System.Text.RegularExpressions;
using Verified.Cli.Infrastructure;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>explore finds a planted bug and saves its trace; replay reproduces it, and reports a tampered trace;
/// explore --mutants finds every kernel mutant.</summary>
[Collection(EndToEnd.Name)]
public sealed class ExploreReplayTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void PlantedBugIsFoundSavedAndReplayed()
    {
        ProcessResult explore = VerifiedScript.Run(s_timeout, "explore", "engine/lock-order-deadlock",
            "--strategy", "random", "--seed", "7", "--iterations", "500");
        Assert.Equal(0, explore.ExitCode);
        Assert.Contains("planted bug found", explore.Output);
        string trace = Regex.Match(explore.Output, @"trace (\S+\.trace); replay reproduces it").Groups[1].Value;
        Assert.True(File.Exists(trace), $"no trace file in: {explore.Output}");
        Assert.Contains("scenario: engine/lock-order-deadlock", File.ReadAllText(trace));

        ProcessResult replay = VerifiedScript.Run(s_timeout, "replay", trace);
        Assert.Equal(1, replay.ExitCode);
        Assert.Contains("replay: reproduced after", replay.Output);

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
        Assert.DoesNotContain("engine/", mutants.Output);
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
}
