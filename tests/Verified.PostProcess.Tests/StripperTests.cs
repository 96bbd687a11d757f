// The post-processor on real translator output: boilerplate gone, nothing of the runtime left, still compiles.
using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Verified.PostProcess.Tests;

public sealed class StripperTests
{
    private static readonly string[] s_specFiles = { "spec/NativeTypes.dfy", "spec/ThreadState.dfy" };

    private static readonly string[] s_boilerplate =
    {
        "DafnySourceAttribute", "DafnyAssembly", "ArrayHelpers", "InitNewArray", "FuncExtensions", "IntegerRange",
        "TypeDescriptor", "_TYPE", "BigInteger", "System.Numerics", "namespace Dafny", "namespace _module",
    };

    [Fact]
    public void TheTranslatedSpecCarriesTheBoilerplateBeforeStripping()
    {
        string generated = Dafny.Translate(s_specFiles);

        Assert.Contains("DafnySourceAttribute", generated);
        Assert.Contains("FuncExtensions", generated);
        Assert.Contains("IntegerRange", generated);
        Assert.NotEmpty(GeneratedCodeStripper.Check(generated));
    }

    [Fact]
    public void StrippingTheTranslatedSpecLeavesNoRuntimeReference()
    {
        var result = GeneratedCodeStripper.Strip(Dafny.Translate(s_specFiles));

        Assert.True(result.Ok, string.Join("\n", result.Violations));
        foreach (string word in s_boilerplate)
        {
            Assert.DoesNotContain(word, result.Text);
        }
        Assert.Contains("public uint Dispatch(uint t)", result.Text);
        Assert.Contains("Dafny.Helpers.ToIntChecked(", result.Text); // the one allow-listed shim
    }

    [Fact]
    public void TheStrippedSpecCompilesWithoutWarningsAgainstOnlyTheShimAndRuns()
    {
        var result = GeneratedCodeStripper.Strip(Dafny.Translate(s_specFiles));

        var (assembly, diagnostics) = HostedCompile.Compile(result.Text, HostedCompile.RuntimeShim);

        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        var type = assembly!.GetType("ThreadState.ThreadTable", throwOnError: true)!;
        object table = Activator.CreateInstance(type)!;
        Invoke(type, table, "__ctor", 4u);
        Assert.Equal(0u, Invoke(type, table, "Create", 2u));
        Assert.Equal(0u, Invoke(type, table, "Dispatch", 2u));
        Assert.Equal(2u, type.GetField("current")!.GetValue(table));
        Assert.Equal(1u, Invoke(type, table, "Kill", 9u)); // ErrInvalidThread
    }

    [Fact]
    public void ZeroFilledArraysBecomePlainArrayCreation()
    {
        var result = GeneratedCodeStripper.Strip(Dafny.Translate(Dafny.Sample("Boilerplate.dfy")));

        Assert.True(result.Ok, string.Join("\n", result.Violations));
        Assert.Contains("new uint[Dafny.Helpers.ToIntChecked(n, \"array size exceeds memory limit\"), Dafny.Helpers.ToIntChecked(", result.Text);
        Assert.DoesNotContain("ArrayHelpers", result.Text);
        var (_, diagnostics) = HostedCompile.Compile(result.Text, HostedCompile.RuntimeShim);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [Fact]
    public void AnArrayOfANonZeroWitnessNewtypeIsRejectedNotZeroed()
    {
        string generated = Dafny.Translate(Dafny.Sample("NonZeroWitness.dfy"));
        int line = LineOf(generated, "InitNewArray1<byte>(");

        var result = GeneratedCodeStripper.Strip(generated);

        var violation = Assert.Single(result.Violations, v => v.Construct == "Dafny.ArrayHelpers.InitNewArray1");
        Assert.Equal(line, violation.Line);
        Assert.Contains("witness", violation.Message);
    }

    [Fact]
    public void UnreachableSecondReturnIsRemovedButCodeAfterALabelIsKept()
    {
        const string source = """
            class C {
              uint F(uint x) {
                uint r = 0;
                if (x == 0) { r = 1; return r; }
                r = 2;
                return r;
                return r;
              }
              void G() {
                goto after;
                return;
                after: ;
              }
            }
            """;

        string text = GeneratedCodeStripper.Strip(source).Text;

        Assert.Single(text.Split('\n'), l => l.Trim() == "return r;" && text.Contains("r = 2;"));
        Assert.Contains("after: ;", text);
        Assert.Contains("return;", text);
    }

    private static object? Invoke(Type type, object target, string method, params object[] args) =>
        type.GetMethod(method, BindingFlags.Public | BindingFlags.Instance)!.Invoke(target, args);

    internal static int LineOf(string text, string fragment)
    {
        var lines = text.Split('\n');
        int index = Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.True(index >= 0, $"`{fragment}` not in the text");
        return index + 1;
    }
}
