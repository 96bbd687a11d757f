using System.CommandLine;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Commands;

/// <summary>Options every verb accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Root = new("--root")
    {
        Description = "Work on the spec/, proofs/ and kernel sources of another tree (default: this checkout)",
        Recursive = true,
    };

    public static Workspace Workspace(ParseResult parse)
    {
        string repo = Infrastructure.Workspace.LocateRepoRoot();
        return new Workspace(repo, parse.GetValue(Root) ?? repo);
    }
}
