// The generated core's array accesses without bounds checks: the same elements read and written, and nothing but
// arrays rewritten.
using System;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Verified.PostProcess.Tests;

public sealed class ProvedIndexAccessTests
{
    // Queue keeps its arrays as Dafny does (storage `_next` behind a getter `next`, which HotPathShaper turns into a
    // field); `scratch` is a local array.
    private const string Source = """
        namespace M {
          public class Queue {
            public Queue() { }
            public uint[] _next {get; set;}
            public uint[] next { get {
              return this._next;
            } }
            public ulong[] _weight {get; set;}
            public ulong[] weight { get {
              return this._weight;
            } }
            public void __ctor(uint n) { (this)._next = new uint[n]; (this)._weight = new ulong[n]; }
            public void Link(uint a, uint b) { ((this).next)[(int)((a))] = b; }
            public void Add(uint a, ulong w) { ((this).weight)[(int)(a)] += w; }
            public ulong WeightAfter(uint a) { return ((this).weight)[(int)((((this).next)[(int)(a)]))]; }
            public uint Scratch(uint a) { uint[] scratch = new uint[4]; scratch[(int)(a)] = a + 1U; return scratch[(int)(a)]; }
          }
        }
        """;

    [Fact]
    public void EveryIndexBecomesAnUncheckedElementReferenceWithAnUnsignedOffset()
    {
        string text = GeneratedCodeStripper.Strip(Source).Text;
        var root = CSharpSyntaxTree.ParseText(text).GetRoot();

        Assert.Empty(root.DescendantNodes().OfType<ElementAccessExpressionSyntax>());
        // An array behind a getter is reached through its field; a local array through the array itself.
        Assert.Contains("Verified.Boot.Runtime.ProvedArray.At(ref (this)._next, (nuint)((a))) = b;", text);
        Assert.Contains("System.Runtime.CompilerServices.Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal." +
            "GetArrayDataReference(scratch), a_wide) = a + 1U;", text);
        // A nested index is rewritten inside out; an index that is not Dafny's (int) cast is wrapped whole.
        Assert.Contains("ProvedArray.At(ref (this)._weight, (nuint)((Verified.Boot.Runtime.ProvedArray.At(ref (this)._next", text);
        Assert.Contains(GeneratedCodeStripper.Strip(Source).Log, line => line.Contains("6 bounds-checked array accesses"));
    }

    [Fact]
    public void TheRewrittenAccessesReadAndWriteTheSameElements()
    {
        var (assembly, diagnostics) = HostedCompile.Compile(GeneratedCodeStripper.Strip(Source).Text);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        Type type = assembly!.GetType("M.Queue", throwOnError: true)!;
        object queue = Activator.CreateInstance(type)!;

        type.GetMethod("__ctor")!.Invoke(queue, new object[] { 4u });
        type.GetMethod("Link")!.Invoke(queue, new object[] { 0u, 3u });
        type.GetMethod("Link")!.Invoke(queue, new object[] { 1u, 2u });
        type.GetMethod("Add")!.Invoke(queue, new object[] { 3u, 40UL });
        type.GetMethod("Add")!.Invoke(queue, new object[] { 3u, 2UL });
        type.GetMethod("Add")!.Invoke(queue, new object[] { 2u, 9UL });

        Assert.Equal(42UL, type.GetMethod("WeightAfter")!.Invoke(queue, new object[] { 0u }));
        Assert.Equal(9UL, type.GetMethod("WeightAfter")!.Invoke(queue, new object[] { 1u }));
        Assert.Equal(3u, type.GetMethod("Scratch")!.Invoke(queue, new object[] { 2u }));
        Assert.Equal(new uint[] { 3, 2, 0, 0 }, (uint[])type.GetField("_next")!.GetValue(queue)!);
        Assert.Equal(new ulong[] { 0, 0, 9, 42 }, (ulong[])type.GetField("_weight")!.GetValue(queue)!);
    }

    [Fact]
    public void AnIndexerThatIsNotAnArrayNoLongerCompilesRatherThanChangingMeaning()
    {
        const string source = """
            namespace M {
              public class Row { public uint this[int i] => (uint)i; }
              public class User { public uint F(Row r) { return (r)[(int)(2U)]; } }
            }
            """;

        var (assembly, diagnostics) = HostedCompile.Compile(GeneratedCodeStripper.Strip(source).Text);

        Assert.Null(assembly);
        // Hosted .NET names the argument it cannot convert; the freestanding corelib has only the array overload.
        Assert.Contains(diagnostics, d => d.Id == "CS1503" && d.GetMessage().Contains("M.Row"));
    }
}
