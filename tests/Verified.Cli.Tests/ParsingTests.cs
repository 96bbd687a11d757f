using Verified.Cli.Boot;
using Verified.Cli.Testing;
using Verified.Cli.Verification;
using Xunit;

namespace Verified.Cli.Tests;

public sealed class ParsingTests
{
    [Fact]
    public void DafnySummaryCountsVerifiedAndErrors()
    {
        const string output = "spec/X.dfy(12,4): Error: a postcondition could not be proved on this return path\n" +
            "spec/X.dfy(10,12): Related location: this is the postcondition that could not be proved\n\n" +
            "Dafny program verifier finished with 7 verified, 1 error\n";
        DafnyOutcome outcome = DafnyOutcome.Parse(output, exitCode: 4);
        Assert.Equal(7, outcome.Verified);
        Assert.Equal(1, outcome.Errors);
        Assert.Equal(2, outcome.Diagnostics.Count);
        Assert.StartsWith("spec/X.dfy(12,4): Error", outcome.Diagnostics[0]);
    }

    [Fact]
    public void DafnyResourceExhaustionCountsAsError()
    {
        DafnyOutcome outcome = DafnyOutcome.Parse(
            "Dafny program verifier finished with 3 verified, 0 errors, 2 out of resource\n", exitCode: 4);
        Assert.Equal(3, outcome.Verified);
        Assert.Equal(2, outcome.Errors);
    }

    [Fact]
    public void DafnyResolutionErrorWithoutSummaryIsAnError()
    {
        DafnyOutcome outcome = DafnyOutcome.Parse(
            "spec/X.dfy(3,9): Error: unresolved identifier: y\n1 resolution/type errors detected in X.dfy\n", exitCode: 2);
        Assert.Equal(0, outcome.Verified);
        Assert.Equal(1, outcome.Errors);
    }

    [Fact]
    public void DotnetTestSummariesAreAddedUpOverProjects()
    {
        const string output =
            "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 1 s - A.dll (net10.0)\n" +
            "Failed!  - Failed:     2, Passed:     5, Skipped:     0, Total:     7, Duration: 3 s - B.dll (net10.0)\n";
        Assert.Equal((17, 2, 2), DotnetTestSummary.Parse(output));
    }

    [Fact]
    public void BootSummaryAddsTheKernelChecksAndTheSelftestTasksLastLines()
    {
        SelfTestSummary.Boot boot = SelfTestSummary.ParseBoot(
            "check: alloc ... ok\nchecks: 9 passed, 0 failed\nscenario a: ok\nselftest: 51 passed, 2 failed\n");
        Assert.Equal(new SelfTestSummary.Counts(9, 0), boot.Checks);
        Assert.Equal(new SelfTestSummary.Counts(51, 2), boot.Scenarios);
        Assert.Equal(new SelfTestSummary.Counts(60, 2), boot.Total);
    }

    [Fact]
    public void AMissingSummaryCountsAsAFailure()
    {
        Assert.Equal(new SelfTestSummary.Counts(0, 2), SelfTestSummary.ParseBoot("Verified kernel 0.1.0\nPANIC: boom\n").Total);
        Assert.Equal(new SelfTestSummary.Counts(42, 1), SelfTestSummary.ParseBoot("checks: 42 passed, 0 failed\n").Total);
    }

    [Theory]
    [InlineData(33, false, 0)]
    [InlineData(35, false, 1)]
    [InlineData(0, false, 1)]   // -no-reboot turns a triple fault into a plain exit: never a pass
    [InlineData(1, false, 1)]
    [InlineData(-1, true, 1)]   // hang
    public void QemuStatusMapsToVerdict(int qemuStatus, bool timedOut, int expected)
    {
        Assert.Equal(expected, KernelVerdict.Interpret(qemuStatus, timedOut, 10).ExitCode);
    }
}

public sealed class DafnyProjectOptionsTests
{
    [Fact]
    public void OptionsBecomeFlagsAndTheLimitIsRequired()
    {
        var options = Verification.DafnyProjectOptions.Parse("spec/dfyconfig.toml",
        [
            "# comment", "includes = [\"*.dfy\"]", "", "[options]", "solver-path = \"/opt/z3\"",
            "resource-limit = 1_000_000 # per procedure", "disable-nonlinear-arithmetic = true",
        ]);
        Assert.Equal(1_000_000, options.ResourceLimit);
        Assert.Equal(
            ["--resource-limit", "1000000", "--disable-nonlinear-arithmetic", "true",
             "--solver-path", "/usr/bin/z3", "--cores", "2"],
            options.Flags(2));
    }

    [Fact]
    public void MissingLimitIsRejected()
    {
        var error = Assert.Throws<Infrastructure.CliException>(() =>
            Verification.DafnyProjectOptions.Parse("proofs/dfyconfig.toml", ["[options]", "solver-path = \"/usr/bin/z3\""]));
        Assert.Contains("sets no resource-limit", error.Message);
    }
}

public sealed class BenchRowsTests
{
    [Fact]
    public void RowsAreParsedAndNotesKeptApart()
    {
        const string serial = "root: started bench.bin at 0x408001A6\n" +
            "bench: note: timing overhead (subtracted) = 14 instructions\n" +
            "bench: null syscall = 2082 instructions\r\n" +
            "bench: roundtrip cross-AS 0 words = 10412 instructions\n" +
            "bench: note: roundtrip cross-AS 63 words: runs differ, 31449 .. 34862\n";
        var rows = Verified.Cli.Boot.BenchRows.Parse(serial);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new Verified.Cli.Boot.BenchRow("null syscall", 2082), rows[0]);
        Assert.Equal(new Verified.Cli.Boot.BenchRow(Verified.Cli.Boot.BenchRows.Headline, 10412), rows[1]);
        Assert.Equal(2, Verified.Cli.Boot.BenchRows.Notes(serial).Count);
    }

    [Fact]
    public void JsonHoldsEveryRow()
    {
        string path = System.IO.Path.GetTempFileName();
        Verified.Cli.Boot.BenchRows.WriteJson(path, [new("null syscall", 2082), new("roundtrip cross-AS 0 words", 10412)]);
        using var document = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(path));
        var rows = document.RootElement.GetProperty("rows");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal(10412, rows[1].GetProperty("instructions").GetInt64());
        System.IO.File.Delete(path);
    }
}
