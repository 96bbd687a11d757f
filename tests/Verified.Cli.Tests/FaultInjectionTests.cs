using System;
using Verified.Cli.Infrastructure;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// Kernel bugs planted through build flags must end in a panic message on the serial line and a failing exit status,
/// never in a hang (the boot timeout) or a silent triple fault (QEMU exiting without a verdict).
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class FaultInjectionTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(10);

    [Fact]
    public void NullDereferenceIsReportedAsPageFaultThenPanics()
    {
        ProcessResult result = VerifiedScript.Run(s_timeout, "boot", "--fault", "null", "--timeout", "60");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Verified kernel ", result.Output);
        Assert.Contains("vector 14", result.Output);
        Assert.Matches(@"cr2 0x0*[0-9a-f]{1,3}\b", result.Output); // the faulting address lies in the unmapped page 0
        Assert.Contains("PANIC", result.Output);
        Assert.Contains("boot: kernel verdict: FAIL", result.Output);
        Assert.DoesNotContain("check: ", result.Output.Split("PANIC")[1]);
    }

    [Fact]
    public void ArrayOverrunPanicsWithMessage()
    {
        ProcessResult result = VerifiedScript.Run(s_timeout, "boot", "--fault", "overrun", "--timeout", "60");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Verified kernel ", result.Output);
        Assert.Contains("PANIC", result.Output);
        Assert.Contains("index out of range", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("boot: kernel verdict: FAIL", result.Output);
    }

    [Theory]
    [InlineData("overflow", "PANIC: OverflowException")]
    [InlineData("cast", "PANIC: InvalidCastException")]
    [InlineData("stack", "vector 8 (#DF double fault)")] // the guard page faults, the double fault has its own stack
    public void OtherRuntimeFaultsPanicWithMessage(string fault, string report)
    {
        ProcessResult result = VerifiedScript.Run(s_timeout, "boot", "--fault", fault, "--timeout", "60");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(report, result.Output);
        Assert.Contains("PANIC", result.Output);
        Assert.Contains("boot: kernel verdict: FAIL", result.Output);
    }
}
