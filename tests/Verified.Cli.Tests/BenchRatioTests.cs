using System.Linq;
using Verified.Cli.Commands;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>The ratios <c>verified bench --peers</c> prints: one per Linux operation, against the row of that name
/// only.</summary>
public sealed class BenchRatioTests
{
    private static readonly (string Name, string Instructions)[] s_ours =
    [
        ("null syscall", "10"),
        ("roundtrip cross-AS 0 words", "1000"),
        ("roundtrip cross-AS 0 words, receive buffers", "1500"),
    ];

    private static readonly (string Name, string Instructions)[] s_linux =
    [
        ("getppid", "337"),
        ("futex ping-pong round trip", "9000"),
    ];

    [Fact]
    public void ARowThatOnlyStartsWithTheNameIsNotCompared()
    {
        var lines = BenchCommand.RatioLines(s_ours, "roundtrip cross-AS 0 words", s_linux, "futex ping-pong round trip").ToList();

        Assert.Equal(["bench: ratio Linux futex ping-pong round trip / Verified roundtrip cross-AS 0 words = 9.00"], lines);
    }

    [Fact]
    public void AnOperationMissingOnEitherSideGivesNoRatio()
    {
        Assert.Empty(BenchCommand.RatioLines(s_ours, "yield (full kernel entry)", s_linux, "getppid"));
        Assert.Empty(BenchCommand.RatioLines(s_ours, "null syscall", s_linux, "pipe ping-pong round trip"));
        Assert.Equal(["bench: ratio Linux getppid / Verified null syscall = 33.70"],
            BenchCommand.RatioLines(s_ours, "null syscall", s_linux, "getppid").ToList());
    }
}
