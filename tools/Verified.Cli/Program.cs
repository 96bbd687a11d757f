using System;
using System.CommandLine;
using Verified.Cli.Commands;
using Verified.Cli.Infrastructure;

namespace Verified.Cli;

/// <summary>Entry point of <c>./verified</c>: one verb per capability, each with its own --help.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Verified: an L4-family microkernel verified in Dafny, compiled to C#, booted in QEMU.");
        root.Options.Add(GlobalOptions.Root);
        root.Subcommands.Add(SetupCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(BootCommand.Create());
        root.Subcommands.Add(TestCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        try
        {
            return root.Parse(args).Invoke();
        }
        catch (CliException ex)
        {
            Console.Error.WriteLine($"verified: error: {ex.Message}");
            return 2;
        }
    }
}
