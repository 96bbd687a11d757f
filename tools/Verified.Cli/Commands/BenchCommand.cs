using System.CommandLine;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Commands;

/// <summary>
/// <c>verified bench</c>: the hosted scaling benchmarks of the compiled cores (tests/Verified.Bench), built in Release.
/// They report operations per second and per-step work in deterministic units; wall time is never asserted.
/// </summary>
internal static class BenchCommand
{
    private static readonly Argument<string[]> s_names = new("names")
    {
        Description = "Benchmarks to run (default: all), e.g. revoke demap ipc",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<bool> s_quick = new("--quick")
    {
        Description = "Smaller sizes, for a fast look",
    };

    public static Command Create()
    {
        var command = new Command("bench",
            "Run the hosted scaling benchmarks of the verified cores (Release build) and print one table each");
        command.Arguments.Add(s_names);
        command.Options.Add(s_quick);
        command.SetAction(parse =>
        {
            Workspace workspace = GlobalOptions.Workspace(parse);
            string project = workspace.Source("tests", "Verified.Bench", "Verified.Bench.csproj");
            Log.Info("bench", "building tests/Verified.Bench (Release)");
            ProcessRunner.RunChecked("bench", Toolchain.Dotnet, ["build", project, "-c", "Release", "--nologo", "-v", "quiet"],
                workspace.SourceRoot);
            string[] arguments = ["run", "--no-build", "-c", "Release", "--project", project, "--",
                .. parse.GetValue(s_names) ?? [], .. parse.GetValue(s_quick) ? new[] { "--quick" } : []];
            return ProcessRunner.Run(Toolchain.Dotnet, arguments, workspace.SourceRoot, echo: Log.Raw).ExitCode;
        });
        return command;
    }
}
