using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
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
        root.Subcommands.Add(ExploreCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A usage error (unknown option, a number that is not one) exits 2 like every other error the user can fix.
            foreach (ParseError error in parse.Errors)
            {
                Console.Error.WriteLine($"verified: error: {error.Message}");
            }
            Console.Error.WriteLine($"verified: see ./verified {string.Join(' ', VerbOf(parse))} --help");
            return 2;
        }
        try
        {
            // Our own handler below prints a CliException as one line; anything else is a bug and keeps its trace.
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException ex)
        {
            Console.Error.WriteLine($"verified: error: {ex.Message}");
            return 2;
        }
    }

    private static System.Collections.Generic.IEnumerable<string> VerbOf(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? [] : [parse.CommandResult.Command.Name];
}
