using System.CommandLine;
using System.IO;
using Verified.Cli.Infrastructure;
using Verified.Cli.Testing;

namespace Verified.Cli.Commands;

/// <summary><c>verified replay FILE</c>: runs a saved schedule again; exit 0 only when the recorded bug comes back.</summary>
internal static class ReplayCommand
{
    private static readonly Argument<string> s_file = new("file") { Description = "A trace file written by explore" };

    public static Command Create()
    {
        var command = new Command("replay",
            "Replay a trace file deterministically against the scenario its header names; reports a reproduced bug, " +
            "or where the program diverged from the recorded schedule");
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
