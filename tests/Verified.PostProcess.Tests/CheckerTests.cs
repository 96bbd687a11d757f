// The checker: planted runtime uses are rejected with the construct and the line; the allow-list passes.
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit;

namespace Verified.PostProcess.Tests;

public sealed class CheckerTests
{
    private const string Planted = """
        using System;
        using System.Numerics;
        namespace M {
          public partial class C {
            public static BigInteger Big() { return new BigInteger(5); }
            public static Dafny.ISequence<byte> Seq() { return Dafny.Sequence<byte>.FromElements(1, 2); }
            public static int Size(uint n) { return Dafny.Helpers.ToIntChecked(n, "array size exceeds memory limit"); }
            public static int Mod(int a) { return Dafny.Helpers.EuclideanModulus(a, 2); }
            public static ulong Wide() { return (ulong)System.Numerics.BigInteger.One; }
            public static object Pair() { return _System.Tuple2<int, int>.create(1, 2); }
          }
        }
        """;

    [Fact]
    public void PlantedBigIntegerIsRejectedWithConstructAndLine()
    {
        var violations = GeneratedCodeStripper.Strip(Planted).Violations;

        Assert.Contains(violations, v => v.Construct == "BigInteger" && v.Line == 5);
        Assert.Contains(violations, v => v.Construct == "System.Numerics.BigInteger" && v.Line == 9);
    }

    [Fact]
    public void PlantedDafnySequenceIsRejectedWithConstructAndLine()
    {
        var violations = GeneratedCodeStripper.Strip(Planted).Violations;

        Assert.Contains(violations, v => v.Construct == "Dafny.ISequence" && v.Line == 6);
        Assert.Contains(violations, v => v.Construct == "Dafny.Sequence.FromElements" && v.Line == 6);
        Assert.Contains("line 6: 'Dafny.Sequence.FromElements'", string.Join("\n", violations));
    }

    [Fact]
    public void OtherRuntimeHelpersAndTuplesAreRejectedButToIntCheckedIsAllowed()
    {
        var violations = GeneratedCodeStripper.Strip(Planted).Violations;

        Assert.Contains(violations, v => v.Construct == "Dafny.Helpers.EuclideanModulus" && v.Line == 8);
        Assert.Contains(violations, v => v.Construct == "_System.Tuple2.create" && v.Line == 10);
        Assert.DoesNotContain(violations, v => v.Line == 7);
        Assert.Equal(new[] { 5, 6, 8, 9, 10 }, violations.Select(v => v.Line).Distinct().ToArray());
    }

    [Fact]
    public void LinesAreThoseOfTheInputEvenAfterBoilerplateAboveIsRemoved()
    {
        string generated = Dafny.Translate("spec/NativeTypes.dfy", "spec/ThreadState.dfy");
        string planted = generated.Replace("uint err = 0;", "uint err = (uint)BigInteger.Zero;");
        int line = StripperTests.LineOf(planted, "(uint)BigInteger.Zero");

        var violations = GeneratedCodeStripper.Strip(planted).Violations;

        Assert.Contains(violations, v => v.Construct == "BigInteger.Zero" && v.Line == line);
        Assert.True(line > 300, "the planted use sits below the removed source attribute");
    }

    [Fact]
    public void ARuntimeTypeNameDeclaredByTheProgramItselfIsNotARuntimeReference()
    {
        const string source = "namespace M { public class Map { } public class U { public Map m = new Map(); } }";

        Assert.Empty(GeneratedCodeStripper.Check(source));
    }

    [Fact]
    public void TheAllowListIsExactlyToIntChecked()
    {
        Assert.Equal(new[] { ("Dafny.Helpers.ToIntChecked", 2) }, RuntimeReferenceChecker.AllowList);
    }

    [Fact]
    public void TheCommandFailsNamingConstructAndLineAndWritesNoOutput()
    {
        string dir = Path.Combine(Path.GetTempPath(), "verified-postprocess-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string input = Path.Combine(dir, "in.cs");
        string output = Path.Combine(dir, "out.cs");
        File.WriteAllText(input, Planted);

        var (exit, _, stderr) = RunTool(input, output);

        Assert.Equal(1, exit);
        Assert.Contains("in.cs(6): error VPP0001: 'Dafny.Sequence.FromElements'", stderr);
        Assert.False(File.Exists(output));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void TheCommandWritesTheStrippedSpec()
    {
        string dir = Path.Combine(Path.GetTempPath(), "verified-postprocess-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string input = Path.Combine(dir, "in.cs");
        string output = Path.Combine(dir, "out.cs");
        File.WriteAllText(input, Dafny.Translate("spec/NativeTypes.dfy", "spec/ThreadState.dfy"));

        var (exit, stdout, stderr) = RunTool(input, output);

        Assert.True(exit == 0, stderr);
        Assert.Contains("post-process:", stdout);
        Assert.Empty(GeneratedCodeStripper.Check(File.ReadAllText(output)));
        Directory.Delete(dir, recursive: true);
    }

    private static (int Exit, string Stdout, string Stderr) RunTool(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Verified.PostProcess.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
