using System;
using System.Linq;
using Verified.Cli.Infrastructure;
using Verified.Cli.Profiling;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>Guest-instruction benchmarks under QEMU -icount are exact: two boots of the bench image print the same
/// numbers, the cross-AS round trip (the last line) above all; every row `bench --profile` knows is printed; and the
/// sel4bench-shaped round trip costs less than the one through the C# stub.</summary>
[Collection(EndToEnd.Name)]
public sealed class GuestBenchTests
{
    [Fact]
    public void TwoRunsMeasureIdenticalInstructionCounts()
    {
        string[] first = Rows(VerifiedScript.Run(TimeSpan.FromMinutes(5), "bench"));
        string[] second = Rows(VerifiedScript.Run(TimeSpan.FromMinutes(5), "bench"));
        Assert.NotEmpty(first);
        Assert.Contains(first, row => row.StartsWith("| null syscall", StringComparison.Ordinal));
        Assert.Equal(Headline(first), Headline(second));
        Assert.Equal(first, second);
        Assert.All(GuestProfiler.Rows,
            name => Assert.Contains(first, row => row.StartsWith("| " + name + " |", StringComparison.Ordinal)));
        // The same round trip with both sides' syscalls in assembly (sel4bench's shape) runs the same kernel path
        // without the C# stub's register saves: fewer instructions, but not none.
        long headline = Value(Headline(first));
        long assembly = Value(Assert.Single(first,
            row => row.StartsWith("| roundtrip cross-AS 0 words, sel4bench-shaped loops |", StringComparison.Ordinal)));
        Assert.InRange(assembly, 1, headline - 1);
    }

    private static long Value(string row) => long.Parse(row.Split('|', StringSplitOptions.RemoveEmptyEntries)[1].Trim());

    private static string Headline(string[] rows) =>
        Assert.Single(rows, row => row.StartsWith("| roundtrip cross-AS 0 words |", StringComparison.Ordinal));

    private static string[] Rows(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("| ", StringComparison.Ordinal)
            && !l.StartsWith("| operation", StringComparison.Ordinal)).ToArray();
    }
}
