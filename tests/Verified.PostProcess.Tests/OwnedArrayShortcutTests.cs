// The arrays of a constant member object, reached from the owner through copies it keeps: the same elements read and
// written, and no copy where a write outside the constructors could make it stale or a read could come before it.
using System;
using System.Linq;
using Xunit;

namespace Verified.PostProcess.Tests;

public sealed class OwnedArrayShortcutTests
{
    // As Dafny emits a class with a `const` member object (Kernel.m) whose arrays are `const` too; `extra` stands for
    // whatever the test appends to Kernel.
    private static string Source(string extra = "", string memberExtra = "", string ctorExtra = "") => $$"""
        namespace M {
          public class Messages {
            public Messages() { this._len = new ulong[0]; this._word = new ulong[0]; }
            public void __ctor(uint n) {
              ulong[] _nw0 = new ulong[Dafny.Helpers.ToIntChecked(n, "size")];
              ulong[] _nw1 = new ulong[Dafny.Helpers.ToIntChecked(n, "size")];
              Messages _lhs0 = this;
              _lhs0._len = _nw0;
              (this)._word = _nw1;
            }
            public ulong[] _len {get; set;}
            public ulong[] len { get { return this._len; } }
            public ulong[] _word {get; set;}
            public ulong[] word { get { return this._word; } }
            {{memberExtra}}
          }
          public class Kernel {
            public Kernel() { this._m = default(Messages)!; }
            public void __ctor(uint n) {
              Messages _nw0 = new Messages();
              _nw0.__ctor(n);
              (this)._m = _nw0;
              {{ctorExtra}}
            }
            public Messages _m {get; set;}
            public Messages m { get { return this._m; } }
            public void Store(uint t, ulong w, ulong l) { ((this).m).word[(int)(t)] = w; ((this).m).len[(int)(t)] = l; }
            public ulong Sum(uint t) { return (((this).m).word[(int)(t)]) + (((this).m).len[(int)(t)]); }
            {{extra}}
          }
        }
        """;

    [Fact]
    public void TheOwnerReachesTheMembersArraysThroughCopiesSetAtTheEndOfItsConstructor()
    {
        var result = GeneratedCodeStripper.Strip(Source());
        string text = result.Text;

        Assert.Contains("ProvedArray.At(ref (this)._m__word, t_wide) = w;", text);
        Assert.Contains("ProvedArray.At(ref (this)._m__len, t_wide) = l;", text);
        Assert.DoesNotContain("(this).m)._", text);
        // The copies are set after the member is, as the last statements of the constructor.
        int member = text.IndexOf("(this)._m = _nw0;", StringComparison.Ordinal);
        int copy = text.IndexOf("(this)._m__len = (this)._m._len;", StringComparison.Ordinal);
        Assert.True(member >= 0 && copy > member, text);
        Assert.Contains(result.Log, line => line.Contains("2 arrays reached through constant fields of Kernel"));
    }

    [Fact]
    public void TheRewrittenOwnerReadsAndWritesTheSameElements()
    {
        var (assembly, diagnostics) = HostedCompile.Compile(GeneratedCodeStripper.Strip(Source()).Text, HostedCompile.RuntimeShim);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        Type type = assembly!.GetType("M.Kernel", throwOnError: true)!;
        object kernel = Activator.CreateInstance(type)!;

        type.GetMethod("__ctor")!.Invoke(kernel, new object[] { 4u });
        type.GetMethod("Store")!.Invoke(kernel, new object[] { 2u, 40UL, 2UL });
        type.GetMethod("Store")!.Invoke(kernel, new object[] { 3u, 7UL, 1UL });

        Assert.Equal(42UL, type.GetMethod("Sum")!.Invoke(kernel, new object[] { 2u }));
        Assert.Equal(8UL, type.GetMethod("Sum")!.Invoke(kernel, new object[] { 3u }));
        // The writes landed in the member's own arrays, which others read through it.
        object messages = type.GetField("_m")!.GetValue(kernel)!;
        Assert.Equal(new ulong[] { 0, 0, 40, 7 }, (ulong[])messages.GetType().GetField("_word")!.GetValue(messages)!);
    }

    [Theory]
    // The member replaced after construction: a copy would still name the old one's arrays.
    [InlineData("public void Renew(uint n) { Messages _nw9 = new Messages(); _nw9.__ctor(n); (this)._m = _nw9; }", "")]
    // A constructor run again on an object in use.
    [InlineData("public void Again(uint n) { ((this).m).__ctor(n); }", "")]
    // The owner's method called while it is constructed would read copies not set yet.
    [InlineData("", "", "(this).Store(0U, 1UL, 1UL);")]
    public void APremiseThatFailsLeavesTheAccessesAsTheyWere(string extra, string memberExtra, string ctorExtra = "")
    {
        string text = GeneratedCodeStripper.Strip(Source(extra, memberExtra, ctorExtra)).Text;

        Assert.DoesNotContain("_m__", text);
        Assert.Contains("ProvedArray.At(ref ((this).m)._word, t_wide) = w;", text);
    }

    [Fact]
    public void AMemberArrayReplacedOutsideTheConstructorsIsReachedThroughTheMemberStill()
    {
        string text = GeneratedCodeStripper.Strip(Source(memberExtra: "public void Grow(uint n) { (this)._len = new ulong[n]; }")).Text;

        Assert.DoesNotContain("_m__len", text);
        Assert.Contains("ProvedArray.At(ref ((this).m)._len, t_wide) = l;", text);
        Assert.Contains("ProvedArray.At(ref (this)._m__word, t_wide) = w;", text);
    }
}
