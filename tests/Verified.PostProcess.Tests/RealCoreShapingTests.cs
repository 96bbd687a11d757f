// The shaping the booted kernel's IPC path relies on, applied to the real core (every spec/ file, translated as the
// build translates it): each rewrite below leaves the unit alone when one of its premises fails, which would only make
// the kernel slower, so a change to spec/ that breaks a premise must fail here instead of going unnoticed.
using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Verified.PostProcess.Tests;

public sealed class RealCoreShapingTests
{
    private static readonly Lazy<StripResult> s_core = new(() =>
    {
        string[] files = Directory.GetFiles(Path.Combine(Dafny.RepoRoot, "spec"), "*.dfy", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Dafny.RepoRoot, f)).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        return GeneratedCodeStripper.Strip(Dafny.Translate(files));
    });

    [Theory]
    [InlineData("_state")]       // IpcKernel
    [InlineData("_deadline")]
    [InlineData("_head")]        // its queues
    [InlineData("_owner")]
    [InlineData("_recvWord")]    // its message state
    [InlineData("_runsOn")]
    [InlineData("_capType")]     // the capability spaces
    [InlineData("_capBadge")]
    public void TheIpcCoresArraysAreInFixedSlots(string array)
    {
        StripResult core = s_core.Value;

        Assert.True(core.Ok, string.Join("\n", core.Violations));
        Assert.Contains($"Verified.Boot.Runtime.FixedArrays.Place(ref (this).{array}, ", core.Text);
        Assert.Contains(core.Log, line => line.Contains("arrays of the IPC core by constant addresses (fixed slots)"));
    }

    [Theory]
    [InlineData("CallAll")]
    [InlineData("ReplyWaitAll")]
    public void TheGeneralStepsBehindTheDirectPathsStayCalls(string method)
    {
        string text = s_core.Value.Text;

        int at = text.IndexOf($" {method}(", StringComparison.Ordinal);
        Assert.True(at > 0, $"{method} is no longer in the core: HotPathShaper.OutOfLine names it");
        string declaration = text[text.LastIndexOf('\n', at)..at];
        Assert.Contains("MethodImplOptions.NoInlining", declaration);
    }
}
