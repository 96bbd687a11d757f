using System;
using System.Collections.Generic;
using System.CommandLine;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Commands;

/// <summary>
/// <c>verified setup</c>: the root script has installed what was missing before this runs; this verb checks that every
/// tool the other verbs call is present and prints its version, so a broken machine is diagnosed in one place.
/// </summary>
internal static class SetupCommand
{
    private const string Verb = "setup";

    public static Command Create()
    {
        var command = new Command("setup",
            "Install what is missing (Debian: qemu-system-x86, z3, binutils; the dafny tool; the ILC package) and " +
            "report the version of every tool");
        command.SetAction(parse => Run(GlobalOptions.Workspace(parse)));
        return command;
    }

    private static int Run(Workspace workspace)
    {
        var toolchain = new Toolchain(workspace);
        var checks = new List<(string Name, Func<string> Probe)>
        {
            (".NET SDK", () => FirstLine(Toolchain.Dotnet, "--version")),
            ("dafny", () => FirstLine(Toolchain.Dotnet, toolchain.DafnyCommand("--version"))),
            ("z3", () => FirstLine(Toolchain.Z3, "--version")),
            ("qemu", () => FirstLine(Toolchain.Qemu, "--version")),
            ("as", () => FirstLine(Toolchain.Assembler, "--version")),
            ("ld", () => FirstLine(Toolchain.Linker, "--version")),
            ("objcopy", () => FirstLine(Toolchain.ObjCopy, "--version")),
            ("csc", () => toolchain.Csc),
            ("ilc", () => $"{toolchain.IlcVersion} at {toolchain.Ilc}"),
        };
        int missing = 0;
        foreach (var (name, probe) in checks)
        {
            try
            {
                Log.Info(Verb, $"{name}: {probe()}");
            }
            catch (CliException ex)
            {
                Log.Error(Verb, $"{name}: {ex.Message}");
                missing++;
            }
        }
        Log.Info(Verb, missing == 0 ? "every tool is present" : $"{missing} tools missing");
        return missing == 0 ? 0 : 1;

        string FirstLine(string file, params string[] arguments)
        {
            ProcessResult result = ProcessRunner.Run(file, arguments, workspace.RepoRoot);
            if (result.ExitCode != 0)
            {
                throw new CliException($"'{file} {string.Join(' ', arguments)}' failed: {result.Output.Trim()}");
            }
            return result.Output.Split('\n')[0].Trim();
        }
    }
}
