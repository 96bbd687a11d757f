using System;
using System.IO;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Tests;

/// <summary>Runs the real ./verified entry point of this checkout, as a user or CI would.</summary>
internal static class VerifiedScript
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static ProcessResult Run(TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.Run(Path.Combine(RepoRoot, "verified"), arguments, RepoRoot, timeout: timeout);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "verified")) && Directory.Exists(Path.Combine(dir.FullName, "spec")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("tests must run from a build inside the Verified checkout");
    }
}

/// <summary>End-to-end runs share build outputs (translated core, stubs), so they never run in parallel.</summary>
[Xunit.CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEnd
{
    public const string Name = "end-to-end";
}
