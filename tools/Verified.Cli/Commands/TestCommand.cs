using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Verified.Cli.Boot;
using Verified.Cli.Build;
using Verified.Cli.Infrastructure;
using Verified.Cli.Testing;
using Verified.Cli.Verification;

namespace Verified.Cli.Commands;

/// <summary>
/// <c>verified test</c>: everything CI runs, in order: verify, build, the hosted test suites, the QEMU self-check.
/// It stops at the first failing stage (a broken proof makes building pointless) and always ends with one line
/// "test: N passed, M failed" adding up every stage's checks.
/// </summary>
internal static class TestCommand
{
    private const string Verb = "test";
    private const int BootTimeoutSeconds = 120;

    public static Command Create()
    {
        var command = new Command("test",
            "Run everything CI runs: verify, build, dotnet test (unit, tool and fault-injection tests), scenario " +
            "exploration, boot self-check; " +
            "last line 'test: N passed, M failed'");
        command.SetAction(parse => Run(GlobalOptions.Workspace(parse)));
        return command;
    }

    private static int Run(Workspace workspace)
    {
        var stages = new List<Func<StageResult>>
        {
            () => Verify(workspace),
            () => Build(workspace),
            () => Unit(workspace),
            () => Explore(workspace),
            () => BootSelfTest(workspace),
        };
        var results = new List<StageResult>();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        foreach (Func<StageResult> stage in stages)
        {
            StageResult result = RunStage(stage);
            results.Add(result);
            Log.Info(Verb, $"stage {result.Name}: {result.Passed} passed, {result.Failed} failed ({result.Unit})");
            if (!result.Succeeded)
            {
                break;
            }
        }
        int passed = results.Sum(r => r.Passed);
        int failed = results.Sum(r => r.Failed);
        Log.Info(Verb, $"{results.Count} of {stages.Count} stages run in {stopwatch.Elapsed.TotalSeconds:0} s");
        Log.Raw($"test: {passed} passed, {failed} failed");
        return failed == 0 && results.Count == stages.Count ? 0 : 1;
    }

    private static StageResult RunStage(Func<StageResult> stage)
    {
        try
        {
            return stage();
        }
        catch (CliException ex)
        {
            Log.Error(Verb, ex.Message);
            return new StageResult("(failed to run)", 0, 1, ex.Message);
        }
    }

    private static StageResult Verify(Workspace workspace)
    {
        Log.Info(Verb, "stage verify");
        var (verified, errors) = new DafnyVerifier(workspace).VerifyAll();
        return new StageResult("verify", verified, errors, "verified Dafny procedures");
    }

    private static StageResult Build(Workspace workspace)
    {
        Log.Info(Verb, "stage build");
        new ImageBuilder(workspace).Build(FaultInjection.None);
        return new StageResult("build", 1, 0, "kernel image");
    }

    private static StageResult Unit(Workspace workspace)
    {
        Log.Info(Verb, "stage unit: dotnet test Verified.sln");
        string solution = workspace.Source("Verified.sln");
        ProcessResult result = ProcessRunner.Run(Toolchain.Dotnet, ["test", solution, "--nologo"],
            workspace.SourceRoot, echo: Log.Raw);
        var (passed, failed, projects) = DotnetTestSummary.Parse(result.Output);
        if (result.ExitCode != 0 && failed == 0)
        {
            failed = 1; // a build error or a crashed test host: no summary line, still a failure
        }
        if (projects == 0)
        {
            Log.Error(Verb, "dotnet test reported no test project");
            failed = Math.Max(failed, 1);
        }
        return new StageResult("unit", passed, failed, $"xunit tests in {projects} projects");
    }

    /// <summary>Every scenario under every strategy: planted bugs found and replayed, the others bug-free. pct and
    /// random search widely, with the kernel's planted bugs; fair-pct and dfs run fewer schedules of the real kernel's
    /// scenarios and the engine's models (each finds every planted race of the engine).</summary>
    private static StageResult Explore(Workspace workspace)
    {
        int passed = 0;
        int failed = 0;
        foreach ((string strategy, string iterations, string[] extra) in new[]
        {
            ("pct", "2000", Array.Empty<string>()),
            ("random", "2000", Array.Empty<string>()),
            ("fair-pct", "300", new[] { "--no-mutants" }),
            ("dfs", "300", new[] { "--no-mutants" }),
        })
        {
            Log.Info(Verb, $"stage explore: every scenario under {strategy}");
            ProcessResult result = Explorer.Run(workspace, Verb,
                ["explore", "--strategy", strategy, "--iterations", iterations, "--seed", "1", .. extra,
                 "--traces", workspace.Build("traces")]);
            var (p, f) = ExploreSummary.Parse(result.Output) ?? (0, 1);
            passed += p;
            failed += result.ExitCode != 0 && f == 0 ? 1 : f;
        }
        return new StageResult("explore", passed, failed, "scenario explorations");
    }

    private static StageResult BootSelfTest(Workspace workspace)
    {
        Log.Info(Verb, "stage boot");
        ImagePaths image = new ImageBuilder(workspace).Build(FaultInjection.None);
        BootResult boot = QemuRunner.Run(workspace, image, BootTimeoutSeconds, echo: true);
        Log.Info(Verb, boot.Message);
        SelfTestSummary.Counts total = SelfTestSummary.ParseBoot(boot.Serial).Total;
        // A verdict of failure with every check passed (e.g. a panic after the summary) still counts as one failure.
        int failed = boot.ExitCode != 0 && total.Failed == 0 ? 1 : total.Failed;
        return new StageResult("boot", total.Passed, failed, "kernel self-checks and the selftest task's scenarios in QEMU");
    }
}
