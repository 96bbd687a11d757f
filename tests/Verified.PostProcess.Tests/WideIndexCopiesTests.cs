// The generated core's 32-bit indices widened once: only names that cannot change get a copy, the copy is made where
// the name has its value, and every access still names the same element.
using System;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Verified.PostProcess.Tests;

public sealed class WideIndexCopiesTests
{
    // Dafny's shapes: an in-parameter; a local declared, then given its value once (`var x; x := e;`); a local given
    // a value twice; a parameter the body reassigns (a tail call); a name widened only once.
    private const string Source = """
        namespace M {
          public class Table {
            public Table() { }
            public uint[] _a {get; set;}
            public uint[] a { get {
              return this._a;
            } }
            public ulong[] _b {get; set;}
            public ulong[] b { get {
              return this._b;
            } }
            public void __ctor(uint n) { (this)._a = new uint[n]; (this)._b = new ulong[n]; }
            public void Put(uint t, uint v) {
              if ((t) == (99U)) {
                return;
              }
              ((this).a)[(int)((t))] = v;
              ((this).b)[(int)((t))] = (ulong)(v) + 1UL;
            }
            public ulong Next(uint t) {
              uint _0_x;
              _0_x = ((this).a)[(int)(t)];
              return (((this).b)[(int)(_0_x)]) + ((ulong)(((this).a)[(int)(_0_x)]));
            }
            public ulong Twice(uint t) {
              uint _0_y;
              _0_y = t;
              ulong _1_s = ((this).b)[(int)(_0_y)];
              _0_y = ((this).a)[(int)(_0_y)];
              return (_1_s) + (((this).b)[(int)(_0_y)]);
            }
            public ulong Walk(uint t, uint k) {
            TAIL_CALL_START: ;
              if ((k) == (0U)) {
                return ((this).b)[(int)(t)];
              }
              ulong _0_w = ((this).b)[(int)(t)];
              t = ((this).a)[(int)(t)];
              k = (k) - (1U);
              goto TAIL_CALL_START;
            }
            public uint Once(uint t) { return ((this).a)[(int)(t)]; }
          }
        }
        """;

    private static string Strip() => GeneratedCodeStripper.Strip(Source).Text;

    private static string Body(string text, string method) =>
        CSharpSyntaxTree.ParseText(text).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Single(m => m.Identifier.ValueText == method).Body!.ToString();

    [Fact]
    public void AnUnchangingIndexIsWidenedOnceWhereItHasItsValue()
    {
        string text = Strip();

        // The parameter: copied after the guard that does not read it, and read through the copy at both accesses.
        string put = Body(text, "Put");
        Assert.True(put.IndexOf("nuint t_wide = t;", StringComparison.Ordinal) > put.IndexOf("return;", StringComparison.Ordinal), put);
        Assert.Contains("ProvedArray.At(ref (this)._a, t_wide) = v;", put);
        Assert.Contains("ProvedArray.At(ref (this)._b, t_wide) = (ulong)(v) + 1UL;", put);
        Assert.DoesNotContain("(nuint)", put);
        // The local: copied right after its one assignment.
        string next = Body(text, "Next");
        Assert.Contains("_0_x = Verified.Boot.Runtime.ProvedArray.At(ref (this)._a, (nuint)(t));", next);
        Assert.True(next.IndexOf("nuint _0_x_wide = _0_x;", StringComparison.Ordinal) > next.IndexOf("_0_x = ", StringComparison.Ordinal), next);
        Assert.Contains("ProvedArray.At(ref (this)._b, _0_x_wide)", next);
        Assert.Contains(GeneratedCodeStripper.Strip(Source).Log, line => line.Contains("2 unchanging indices"));
    }

    [Fact]
    public void ANameThatChangesOrIsWidenedOnceKeepsItsWideningAtEachAccess()
    {
        string text = Strip();

        Assert.DoesNotContain("_wide", Body(text, "Twice"));
        Assert.DoesNotContain("_wide", Body(text, "Walk"));
        Assert.DoesNotContain("_wide", Body(text, "Once"));
    }

    [Fact]
    public void TheCopiesNameTheSameElements()
    {
        var (assembly, diagnostics) = HostedCompile.Compile(Strip());
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        Type type = assembly!.GetType("M.Table", throwOnError: true)!;
        object table = Activator.CreateInstance(type)!;
        type.GetMethod("__ctor")!.Invoke(table, new object[] { 4u });

        type.GetMethod("Put")!.Invoke(table, new object[] { 1u, 3u });
        type.GetMethod("Put")!.Invoke(table, new object[] { 3u, 2u });
        type.GetMethod("Put")!.Invoke(table, new object[] { 99u, 7u });

        Assert.Equal(new uint[] { 0, 3, 0, 2 }, (uint[])type.GetField("_a")!.GetValue(table)!);
        Assert.Equal(new ulong[] { 0, 4, 0, 3 }, (ulong[])type.GetField("_b")!.GetValue(table)!);
        Assert.Equal(3UL + 2UL, type.GetMethod("Next")!.Invoke(table, new object[] { 1u }));
        Assert.Equal(4UL + 3UL, type.GetMethod("Twice")!.Invoke(table, new object[] { 1u }));
        Assert.Equal(3UL, type.GetMethod("Walk")!.Invoke(table, new object[] { 1u, 1u }));
    }
}
