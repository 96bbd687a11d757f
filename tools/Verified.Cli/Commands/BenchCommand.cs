using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Verified.Cli.Boot;
using Verified.Cli.Build;
using Verified.Cli.Infrastructure;
using Verified.Cli.Plotting;

namespace Verified.Cli.Commands;

/// <summary>
/// <c>verified bench</c>: boots the benchmark image under QEMU with instruction counting and prints guest
/// instructions per operation (deterministic, unlike wall time under TCG). <c>--hosted</c> runs the scaling
/// benchmarks of the compiled cores instead (tests/Verified.Bench, Release build, operations per second).
/// </summary>
internal static class BenchCommand
{
    private const string Verb = "bench";

    private static readonly Argument<string[]> s_names = new("names")
    {
        Description = "With --hosted: benchmarks to run (default: all), e.g. revoke demap ipc",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<bool> s_hosted = new("--hosted")
    {
        Description = "Run the hosted scaling benchmarks of the verified cores instead of the QEMU ones",
    };

    private static readonly Option<bool> s_quick = new("--quick") { Description = "With --hosted: smaller sizes" };

    private static readonly Option<bool> s_peers = new("--peers")
    {
        Description = "Also boot Debian's Linux (unpacked from its package on first use) with a ping-pong program " +
            "measured the same way, and print the ratios",
    };

    private static readonly Option<string?> s_profile = new("--profile")
    {
        Description = "Also profile a row (default: the headline row; every row but the null syscall and the hosted ones): " +
            "guest instructions per function and per layer of the system, from QEMU's execution log",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> s_annotate = new("--annotate")
    {
        Description = "With --profile: also write the profiled row's executed blocks to this file (start address, " +
            "executions and instructions per operation, function; by address), to read beside objdump -d",
    };

    private static readonly Option<string?> s_json = new("--json")
    {
        Description = "Also write the rows to this JSON file (name and guest instructions per row); the plot of " +
            "instructions over message size goes beside it (same name, .png) instead of build/bench/bench.png",
    };

    public static Command Create()
    {
        var command = new Command(Verb,
            "Guest instructions per kernel operation, measured in QEMU with -icount (deterministic); --hosted: the " +
            "scaling benchmarks of the verified cores on the host");
        command.Arguments.Add(s_names);
        command.Options.Add(s_hosted);
        command.Options.Add(s_quick);
        command.Options.Add(s_peers);
        command.Options.Add(s_json);
        command.Options.Add(s_profile);
        command.Options.Add(s_annotate);
        command.SetAction(parse =>
        {
            Workspace workspace = GlobalOptions.Workspace(parse);
            return parse.GetValue(s_hosted)
                ? Hosted(workspace, parse.GetValue(s_names) ?? [], parse.GetValue(s_quick))
                : Guest(workspace, parse.GetValue(s_peers), parse.GetValue(s_json), ProfiledRow(parse),
                    parse.GetValue(s_annotate));
        });
        return command;
    }

    /// <summary>Boots the bench image (the kernel proper, the root task and user/Tasks/Bench) under -icount and returns
    /// its rows, or null when the image failed or a row failed.</summary>
    public static IReadOnlyList<BenchRow>? MeasureGuest(Workspace workspace, bool echo)
    {
        ImagePaths image = new ImageBuilder(workspace).Build(ImageVariant.Bench);
        BootResult boot = QemuRunner.Run(workspace, image, timeoutSeconds: 600, echo, countInstructions: true);
        foreach (string note in BenchRows.Notes(boot.Serial))
        {
            Log.Info(Verb, note);
        }
        if (boot.ExitCode != 0)
        {
            if (!echo)
            {
                Log.Raw(boot.Serial.TrimEnd());
            }
            Log.Error(Verb, boot.Message);
            return null;
        }
        return BenchRows.Parse(boot.Serial);
    }

    // --profile alone names the headline row; absent, no profile.
    private static string? ProfiledRow(ParseResult parse) =>
        parse.GetResult(s_profile) is null ? null : parse.GetValue(s_profile) ?? BenchRows.Headline;

    private static int Guest(Workspace workspace, bool peers, string? json, string? profile, string? annotate)
    {
        if (annotate is not null && profile is null)
        {
            Log.Error(Verb, "--annotate needs --profile (the row whose addresses it writes)");
            return 1;
        }
        IReadOnlyList<BenchRow>? rows = MeasureGuest(workspace, echo: false);
        BenchRow? headline = rows?.FirstOrDefault(row => row.Name == BenchRows.Headline);
        if (rows is null || headline is null)
        {
            Log.Error(Verb, $"the benchmark image reported no '{BenchRows.Headline}' row");
            return 1;
        }
        Log.Raw("| operation | guest instructions |");
        Log.Raw("|---|---:|");
        foreach (BenchRow row in rows)
        {
            Log.Raw($"| {row.Name} | {row.Instructions} |");
        }
        if (peers)
        {
            var ours = rows.Select(row => (row.Name, row.Instructions.ToString(CultureInfo.InvariantCulture))).ToList();
            IReadOnlyList<(string Name, string Instructions)> linux = Peers.LinuxPeer.Measure(workspace);
            foreach (var (name, instructions) in linux)
            {
                Log.Raw($"| Linux: {name} | {instructions} |");
            }
            PrintRatio(ours, "null syscall", linux, "getppid");
            PrintRatio(ours, BenchRows.Headline, linux, "futex ping-pong round trip");
            PrintRatio(ours, BenchRows.Headline, linux, "pipe ping-pong round trip");
        }
        if (profile is not null && Profiling.GuestProfiler.Run(workspace, rows, profile, top: 80, annotate) != 0)
        {
            return 1;
        }
        if (json is not null)
        {
            BenchRows.WriteJson(json, rows);
            Log.Info(Verb, $"wrote {json}");
        }
        string plot = json is null ? workspace.Build("bench", "bench.png") : Path.ChangeExtension(json, ".png");
        BenchPlot.Write(plot, rows);
        Log.Info(Verb, $"wrote {workspace.Display(Path.GetFullPath(plot))} (instructions over message size)");
        Log.Raw($"bench: {headline.Name} = {headline.Instructions} instructions");
        return 0;
    }

    /// <summary>How many times more instructions Linux's operation takes than Verified's counterpart.</summary>
    private static void PrintRatio(IReadOnlyList<(string Name, string Instructions)> ours, string ourRow,
        IReadOnlyList<(string Name, string Instructions)> theirs, string theirName)
    {
        foreach (string line in RatioLines(ours, ourRow, theirs, theirName))
        {
            Log.Raw(line);
        }
    }

    /// <summary>The ratio lines of <paramref name="theirName"/> to the row named exactly <paramref name="ourRow"/>
    /// (a longer row that starts with the same words, such as the headline's with receive buffers, is another
    /// operation).</summary>
    internal static IEnumerable<string> RatioLines(IReadOnlyList<(string Name, string Instructions)> ours, string ourRow,
        IReadOnlyList<(string Name, string Instructions)> theirs, string theirName)
    {
        foreach (var (name, instructions) in ours)
        {
            foreach (var (peerName, peerInstructions) in theirs)
            {
                if (name == ourRow && peerName == theirName)
                {
                    double ratio = double.Parse(peerInstructions, System.Globalization.CultureInfo.InvariantCulture)
                        / double.Parse(instructions, System.Globalization.CultureInfo.InvariantCulture);
                    yield return $"bench: ratio Linux {theirName} / Verified {ourRow} = " +
                        ratio.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
    }

    private static int Hosted(Workspace workspace, string[] names, bool quick)
    {
        string project = workspace.Source("tests", "Verified.Bench", "Verified.Bench.csproj");
        Log.Info(Verb, "building tests/Verified.Bench (Release)");
        ProcessRunner.RunChecked(Verb, Toolchain.Dotnet, ["build", project, "-c", "Release", "--nologo", "-v", "quiet"],
            workspace.SourceRoot);
        string[] arguments = ["run", "--no-build", "-c", "Release", "--project", project, "--",
            .. names, .. quick ? new[] { "--quick" } : []];
        return ProcessRunner.Run(Toolchain.Dotnet, arguments, workspace.SourceRoot, echo: Log.Raw).ExitCode;
    }

}
