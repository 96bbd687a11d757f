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
        // Only the thread-state module and its proofs: enough to show the failure, and quick (the large cores take
        // minutes to verify and are checked by the verify stage itself).
        foreach (string file in new[]
                 {
                     "spec/dfyconfig.toml", "spec/NativeTypes.dfy", "spec/ThreadState.dfy",
                     "proofs/dfyconfig.toml", "proofs/ThreadStateProofs.dfy",
                 })
        {
            string destination = Path.Combine(_copy, file);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(VerifiedScript.RepoRoot, file), destination);
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
}
