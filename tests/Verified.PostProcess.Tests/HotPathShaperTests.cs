// The shaping for the code generator: constants, field storage and inlining requests, with behaviour unchanged.
using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit;

namespace Verified.PostProcess.Tests;

public sealed class HotPathShaperTests
{
    private const string Source = """
        namespace M {
          public partial class __default {
            public static byte Ready { get {
              return (byte)(3);
            } }
            public static ulong Never { get {
              return 18446744073709551615UL;
            } }
            public static uint Computed { get {
              return M.__default.Twice(2U);
            } }
            public static uint Twice(uint x) { return x + x; }
          }
          public class Table {
            public Table() { }
            public uint[] _cells {get; set;}
            public uint[] cells { get {
              return this._cells;
            } }
            public void __ctor(uint n) { (this)._cells = new uint[n]; }
            public void Set(uint i, uint v) { ((this).cells)[(int)(i)] = v; }
            public uint Sum() {
              uint s = 0; uint i = 0;
              while (i < (uint)(this.cells.Length)) { s = s + this.cells[(int)(i)]; i = i + 1; }
              if (s > 100) { s = 100; } if (s > 90) { s = 90; } if (s > 80) { s = 80; } if (s > 70) { s = 70; }
              if (s > 60) { s = 60; } if (s > 50) { s = 50; } if (s > 40) { s = 40; } if (s > 30) { s = 30; }
              if (s > 29) { s = 29; } if (s > 28) { s = 28; } if (s > 27) { s = 27; } if (s > 26) { s = 26; }
              return s + M.__default.Ready;
            }
            public uint CallAll(uint x) { return x + 1; }
          }
        }
        """;

    [Fact]
    public void LiteralConstantsBecomeConstsAndComputedOnesStayGetters()
    {
        string text = GeneratedCodeStripper.Strip(Source).Text;

        Assert.Contains("public const byte Ready = (byte)(3);", text);
        Assert.Contains("public const ulong Never = 18446744073709551615UL;", text);
        Assert.Contains("public static uint Computed", text);
    }

    [Fact]
    public void FieldStorageBecomesAFieldBehindAnInlinedGetter()
    {
        string text = GeneratedCodeStripper.Strip(Source).Text;

        Assert.Contains("public uint[] _cells;", text);
        Assert.DoesNotContain("{get; set;}", text);
    }

    [Fact]
    public void SmallMethodsAskToBeInlinedLargeOnesAndTheConstructorDoNot()
    {
        var (assembly, diagnostics) = HostedCompile.Compile(GeneratedCodeStripper.Strip(Source).Text);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        Type table = assembly!.GetType("M.Table", throwOnError: true)!;

        Assert.True(Inlined(table.GetMethod("Set")!));
        Assert.True(Inlined(table.GetProperty("cells")!.GetMethod!));
        Assert.False(Inlined(table.GetMethod("Sum")!));
        Assert.False(Inlined(table.GetMethod("__ctor")!));
    }

    [Fact]
    public void TheShapedCodeComputesWhatTheGeneratedCodeDid()
    {
        var (assembly, diagnostics) = HostedCompile.Compile(GeneratedCodeStripper.Strip(Source).Text);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        Type type = assembly!.GetType("M.Table", throwOnError: true)!;
        object table = Activator.CreateInstance(type)!;

        type.GetMethod("__ctor")!.Invoke(table, new object[] { 3u });
        type.GetMethod("Set")!.Invoke(table, new object[] { 1u, 7u });
        type.GetMethod("Set")!.Invoke(table, new object[] { 2u, 5u });

        Assert.Equal(15u, type.GetMethod("Sum")!.Invoke(table, null));
        Assert.Equal(4u, assembly.GetType("M.__default")!.GetProperty("Computed")!.GetValue(null));
    }

    [Fact]
    public void TheGeneralStepBehindADirectPathStaysACall()
    {
        var result = GeneratedCodeStripper.Strip(Source);
        var (assembly, diagnostics) = HostedCompile.Compile(result.Text);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        MethodInfo callAll = assembly!.GetType("M.Table", throwOnError: true)!.GetMethod("CallAll")!;

        Assert.False(Inlined(callAll));
        Assert.True((callAll.MethodImplementationFlags & MethodImplAttributes.NoInlining) != 0);
        Assert.Contains(result.Log, line => line.Contains("inlining of CallAll, a general step behind a direct path, by a call"));
    }

    private static bool Inlined(MethodInfo method) =>
        (method.MethodImplementationFlags & MethodImplAttributes.AggressiveInlining) != 0;
}
