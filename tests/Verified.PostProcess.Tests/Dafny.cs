// Runs the real Dafny translator (the repository's pinned local tool) for the tests.
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Verified.PostProcess.Tests;

internal static class Dafny
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> s_translations = new();

    /// <summary>The checkout root: the nearest directory above the test binaries holding global.json.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>`dafny translate cs --no-verify` of the given files (relative to the repo root); cached per set.</summary>
    public static string Translate(params string[] files)
    {
        string key = string.Join("|", files);
        return s_translations.GetOrAdd(key, _ => new Lazy<string>(() => RunTranslate(files))).Value;
    }

    /// <summary>Path of a sample shipped next to the test binaries.</summary>
    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    private static string RunTranslate(string[] files)
    {
        string dir = Path.Combine(Path.GetTempPath(), "verified-postprocess-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string output = Path.Combine(dir, "out.cs");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { "tool", "run", "dafny", "translate", "cs", "--no-verify" }
                     .Concat(files.Select(f => Path.GetFullPath(f, RepoRoot))).Concat(new[] { "--output", output }))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dafny translate failed ({process.ExitCode}):\n{stdout}\n{stderr}");
        }
        string text = File.ReadAllText(output);
        Directory.Delete(dir, recursive: true);
        return text;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "global.json")) && Directory.Exists(Path.Combine(dir.FullName, "spec")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (global.json) not found above " + AppContext.BaseDirectory);
    }
}
