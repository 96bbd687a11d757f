using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Verified.Cli.Infrastructure;

/// <summary>
/// Where things are. <see cref="RepoRoot"/> holds the tooling (tool manifest, tools/); <see cref="SourceRoot"/> holds the
/// sources a verb works on and is the repository itself unless <c>--root</c> names another tree (tests use that to verify
/// a deliberately broken copy without touching the checkout).
/// </summary>
internal sealed class Workspace
{
    public Workspace(string repoRoot, string sourceRoot)
    {
        RepoRoot = Path.GetFullPath(repoRoot);
        SourceRoot = Path.GetFullPath(sourceRoot);
    }

    public string RepoRoot { get; }

    public string SourceRoot { get; }

    /// <summary>Everything the build writes; never beside sources.</summary>
    public string BuildDir => Path.Combine(SourceRoot, "build");

    public string Source(params string[] parts) => Path.Combine([SourceRoot, .. parts]);

    public string Build(params string[] parts) => Path.Combine([BuildDir, .. parts]);

    /// <summary>A path as the user should read it: relative to the source root when inside it.</summary>
    public string Display(string path)
    {
        string relative = Path.GetRelativePath(SourceRoot, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    /// <summary>All files under <paramref name="folder"/> (relative to the source root) matching the pattern, sorted.</summary>
    public IReadOnlyList<string> Files(string folder, string pattern)
    {
        string dir = Source(folder);
        if (!Directory.Exists(dir))
        {
            return [];
        }
        return Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    private bool IsBuildOutput(string path)
    {
        string relative = Path.GetRelativePath(SourceRoot, path).Replace('\\', '/');
        return relative.Split('/').Any(part => part is "bin" or "obj" or "build");
    }

    /// <summary>Finds the repository from the environment the root script sets, or from the working directory up.</summary>
    public static string LocateRepoRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("VERIFIED_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "dotnet-tools.json"))
                    && File.Exists(Path.Combine(dir.FullName, "verified")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new CliException("cannot find the Verified checkout (no 'verified' script above the working directory)");
    }
}
