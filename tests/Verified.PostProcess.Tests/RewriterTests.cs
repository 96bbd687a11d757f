// Rules of the individual rewriters: what they remove, and what they must leave to the program.
using Xunit;

namespace Verified.PostProcess.Tests;

public sealed class RewriterTests
{
    [Fact]
    public void HelperMembersGoWhenUnreferencedAndEmptyNewtypeClassesWithThem()
    {
        const string source = """
            namespace M {
              public partial class u8 {
                public static bool _Is(byte b) { return true; }
              }
            }
            namespace N {
              public partial class u16 {
                public static bool _Is(ushort b) { return true; }
              }
              public class User { public bool F(ushort x) { return N.u16._Is(x); } }
            }
            """;

        string text = GeneratedCodeStripper.Strip(source).Text;

        Assert.DoesNotContain("namespace M", text);
        Assert.Contains("public static bool _Is(ushort b)", text); // still named, so kept
    }

    [Fact]
    public void UserMembersAndTypesWithBoilerplateNamesStay()
    {
        const string source = """
            namespace M {
              public class FuncExtensions { }
              public class Table {
                public static uint Default() { return 0U; }
                public static readonly uint Witness = 7U;
                public uint IntegerRange(uint lo) { return lo; }
              }
            }
            """;

        var result = GeneratedCodeStripper.Strip(source);

        Assert.True(result.Ok, string.Join("\n", result.Violations));
        Assert.Contains("public class FuncExtensions", result.Text);
        Assert.Contains("Default()", result.Text);
        Assert.Contains("Witness = 7U", result.Text);
        Assert.Contains("IntegerRange(uint lo)", result.Text);
    }

    [Fact]
    public void ADatatypeInCompiledCodeIsRejected()
    {
        string generated = Dafny.Translate(Dafny.Sample("Datatype.dfy"));

        var result = GeneratedCodeStripper.Strip(generated);

        Assert.False(result.Ok);
        Assert.Contains(result.Violations, v => v.Construct == "Dafny.ISequence");
        Assert.Contains(result.Violations, v => v.Construct == "Dafny.Helpers.GetHashCode");
    }

    [Fact]
    public void ADatatypeOnlyGhostCodeUsesIsRemoved()
    {
        string generated = Dafny.Translate(Dafny.Sample("GhostOnlyDatatype.dfy"));
        Assert.Contains("class Snapshot", generated);

        var result = GeneratedCodeStripper.Strip(generated);

        Assert.True(result.Ok, string.Join("\n", result.Violations));
        Assert.DoesNotContain("Snapshot", result.Text);
        Assert.Contains("Count(", result.Text);
        Assert.Contains(result.Log, e => e.Contains("removed spec-only datatype", System.StringComparison.Ordinal)
            && e.EndsWith(".Snapshot", System.StringComparison.Ordinal));
    }

    [Fact]
    public void TheLogNamesEachRemovalWithItsInputLine()
    {
        var result = GeneratedCodeStripper.Strip(Dafny.Translate("spec/NativeTypes.dfy", "spec/ThreadState.dfy"));

        Assert.Contains(result.Log, e => e.StartsWith("line 11: removed assembly attribute", System.StringComparison.Ordinal));
        Assert.Contains(result.Log, e => e.EndsWith("removed class FuncExtensions", System.StringComparison.Ordinal));
        Assert.Contains(result.Log, e => e.EndsWith("removed member u64.IntegerRange", System.StringComparison.Ordinal));
        Assert.Contains(result.Log, e => e.EndsWith("removed using System.Numerics", System.StringComparison.Ordinal));
    }
}
