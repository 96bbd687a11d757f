using System.CommandLine;
using System.IO;
using Verified.Cli.Infrastructure;
using Verified.Cli.Testing;

namespace Verified.Cli.Commands;

/// <summary><c>verified replay FILE</c>: runs a saved schedule again step by step; exit 1 when the recorded bug comes back, 0 when the
/// schedule runs through without a bug, 3 when the program no longer follows the schedule.</summary>
internal static class ReplayCommand
{
    private static readonly Argument<string> s_file = new("file") { Description = "A trace file written by explore" };

    public static Command Create()
    {
        var command = new Command("replay",
            "Replay a trace file deterministically against the scenario its header names, printing each decision as it " +
            "is taken (step, kind, value, operation) and then the failing assertion; exits 1 when the recorded " +
            "bug reproduces, 0 when the schedule runs without a bug, 3 (saying where) when the program diverged from it");
        command.Arguments.Add(s_file);
        command.SetAction(parse =>
        {
            string file = Path.GetFullPath(parse.GetValue(s_file)!);
            if (!File.Exists(file))
            {
                throw new CliException($"no trace file {file}");
            }
            return Explorer.Run(GlobalOptions.Workspace(parse), "replay", ["replay", file]).ExitCode;
        });
        return command;
    }
}
