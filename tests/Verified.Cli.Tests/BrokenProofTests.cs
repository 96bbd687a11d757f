using System;
using System.IO;
using System.Linq;
using Verified.Cli.Infrastructure;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>A postcondition that does not hold must fail `verify` and `test`, naming the file and the line.</summary>
[Collection(EndToEnd.Name)]
public sealed class BrokenProofTests : IDisposable
{
    private const string Broken = "method BrokenPostcondition(x: int) returns (y: int) ensures y == x + 1 { y := x; }";
    private readonly string _copy = Directory.CreateTempSubdirectory("verified-broken-").FullName;
    private readonly int _brokenLine;

    public BrokenProofTests()
    {
        foreach (string folder in new[] { "spec", "proofs" })
        {
            CopyDafnyFiles(Path.Combine(VerifiedScript.RepoRoot, folder), Path.Combine(_copy, folder));
        }
        string target = Path.Combine(_copy, "spec", "ThreadState.dfy");
        string[] lines = File.ReadAllLines(target);
        File.WriteAllLines(target, [.. lines, "", Broken]);
        _brokenLine = lines.Length + 2;
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public void VerifyFailsNamingFileAndLine()
    {
        ProcessResult result = VerifiedScript.Run(TimeSpan.FromMinutes(5), "verify", "--root", _copy);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"ThreadState.dfy({_brokenLine},", result.Output);
        Assert.Contains("spec/ThreadState.dfy: FAILED", result.Output);
        string last = result.Output.TrimEnd().Split('\n').Last();
        Assert.Matches(@"^verify: \d+ verified, 1 errors$", last);
    }

    [Fact]
    public void TestFailsAtTheVerifyStage()
    {
        ProcessResult result = VerifiedScript.Run(TimeSpan.FromMinutes(5), "test", "--root", _copy);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"ThreadState.dfy({_brokenLine},", result.Output);
        Assert.Contains("test: stage verify:", result.Output);
        Assert.DoesNotContain("stage build", result.Output);
        Assert.Matches(@"test: \d+ passed, 1 failed\s*$", result.Output);
    }

    private static void CopyDafnyFiles(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".dfy", StringComparison.Ordinal) || f.EndsWith("dfyconfig.toml", StringComparison.Ordinal)))
        {
            string destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
