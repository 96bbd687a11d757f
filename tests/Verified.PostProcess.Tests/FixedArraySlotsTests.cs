// The IPC core's arrays in fixed slots: its proved accesses by slot, each constructor placing its own arrays last,
// the same elements read and written, and no slot at all when a premise fails.
using System;
using System.Linq;
using Xunit;

namespace Verified.PostProcess.Tests;

public sealed class FixedArraySlotsTests
{
    // The state classes as Dafny emits them (after the earlier rewriters have run on the Dafny output): the queues
    // and the message state as constant members of the kernel, every array constant.
    private static string Source(string kernelExtra = "", string messagesExtra = "", string messagesCtorExtra = "",
        string other = "") => $$"""
        namespace IpcQueues {
          public class LinkedQueues {
            public LinkedQueues() { this._next = new uint[0]; }
            public void __ctor(uint n) {
              uint[] _nw0 = new uint[Dafny.Helpers.ToIntChecked(n, "size")];
              LinkedQueues _lhs0 = this;
              _lhs0._next = _nw0;
            }
            public uint[] _next {get; set;}
            public uint[] next { get { return this._next; } }
            public void Link(uint a, uint b) { (this).next[(int)(a)] = b; }
          }
        }
        namespace IpcState {
          public class IpcMessages {
            public IpcMessages() { this._len = new ulong[0]; this._word = new ulong[0]; }
            public void __ctor(uint n) {
              ulong[] _nw0 = new ulong[Dafny.Helpers.ToIntChecked(n, "size")];
              ulong[] _nw1 = new ulong[Dafny.Helpers.ToIntChecked(n, "size")];
              IpcMessages _lhs0 = this;
              _lhs0._len = _nw0;
              (this)._word = _nw1;
              {{messagesCtorExtra}}
            }
            public ulong[] _len {get; set;}
            public ulong[] len { get { return this._len; } }
            public ulong[] _word {get; set;}
            public ulong[] word { get { return this._word; } }
            {{messagesExtra}}
          }
          public class IpcKernel {
            public IpcKernel() { this._m = default(IpcMessages)!; this._q = default(IpcQueues.LinkedQueues)!; this._state = new byte[0]; }
            public void __ctor(uint n) {
              IpcMessages _nw0 = new IpcMessages();
              _nw0.__ctor(n);
              (this)._m = _nw0;
              IpcQueues.LinkedQueues _nw1 = new IpcQueues.LinkedQueues();
              _nw1.__ctor(n);
              (this)._q = _nw1;
              byte[] _nw2 = new byte[Dafny.Helpers.ToIntChecked(n, "size")];
              (this)._state = _nw2;
            }
            public IpcMessages _m {get; set;}
            public IpcMessages m { get { return this._m; } }
            public IpcQueues.LinkedQueues _q {get; set;}
            public IpcQueues.LinkedQueues q { get { return this._q; } }
            public byte[] _state {get; set;}
            public byte[] state { get { return this._state; } }
            public void Store(uint t, ulong w, ulong l) {
              ((this).m).word[(int)(t)] = w; ((this).m).len[(int)(t)] = l; (this).state[(int)(t)] = 2;
            }
            public ulong Sum(uint t) { return (((this).m).word[(int)(t)]) + (((this).m).len[(int)(t)]) + (this).state[(int)(t)]; }
            {{kernelExtra}}
          }
        }
        {{other}}
        """;

    // FixedArrays for the host, whose collector moves objects: a slot holds the array Place moved there (a copy, as the
    // freestanding runtime copies it into its slot), and At reaches its element.
    private const string FixedArraysShim = """
        namespace Verified.Boot.Runtime {
          public static class FixedArrays {
            private static readonly System.Array?[] s_slots = new System.Array?[48];
            public static ref T At<T>(ulong slot, nuint index) => ref ((T[])s_slots[slot]!)[(int)index];
            public static void Place(ref byte[] field, uint slot) { var copy = (byte[])field.Clone(); s_slots[slot] = copy; field = copy; }
            public static void Place(ref uint[] field, uint slot) { var copy = (uint[])field.Clone(); s_slots[slot] = copy; field = copy; }
            public static void Place(ref ulong[] field, uint slot) { var copy = (ulong[])field.Clone(); s_slots[slot] = copy; field = copy; }
          }
        }
        """;

    [Fact]
    public void TheCoresAccessesGoByConstantSlotsAndEachConstructorPlacesItsArraysLast()
    {
        var result = GeneratedCodeStripper.Strip(Source());
        string text = result.Text;

        // Slots in declaration order: the queues' _next 0, the messages' _len 1 and _word 2, the kernel's _state 3.
        Assert.Contains("Verified.Boot.Runtime.FixedArrays.At<uint>(0UL, a_wide) = b;", text.Replace("(nuint)(a)", "a_wide"));
        Assert.Contains("Verified.Boot.Runtime.FixedArrays.At<ulong>(2UL, t_wide) = w;", text);
        Assert.Contains("Verified.Boot.Runtime.FixedArrays.At<ulong>(1UL, t_wide) = l;", text);
        Assert.Contains("Verified.Boot.Runtime.FixedArrays.At<byte>(3UL, t_wide) = 2;", text);
        Assert.DoesNotContain("ProvedArray.At(ref (this)._m__", text);
        // The kernel places its own array after the copies of its members' (which their constructors placed).
        int copy = text.IndexOf("(this)._m__word = (this)._m._word;", StringComparison.Ordinal);
        int place = text.IndexOf("Verified.Boot.Runtime.FixedArrays.Place(ref (this)._state, 3U);", StringComparison.Ordinal);
        Assert.True(copy >= 0 && place > copy, text);
        Assert.Contains("Verified.Boot.Runtime.FixedArrays.Place(ref (this)._word, 2U);", text);
        Assert.Contains(result.Log, line => line.Contains("to 4 arrays of the IPC core by constant addresses"));
    }

    [Fact]
    public void TheSlotsHoldTheElementsTheFieldsShow()
    {
        var (assembly, diagnostics) = HostedCompile.Compile(GeneratedCodeStripper.Strip(Source()).Text, HostedCompile.RuntimeShim,
            FixedArraysShim);
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        Type type = assembly!.GetType("IpcState.IpcKernel", throwOnError: true)!;
        object kernel = Activator.CreateInstance(type)!;

        type.GetMethod("__ctor")!.Invoke(kernel, new object[] { 4u });
        type.GetMethod("Store")!.Invoke(kernel, new object[] { 2u, 40UL, 1UL });
        type.GetMethod("Store")!.Invoke(kernel, new object[] { 3u, 7UL, 1UL });

        Assert.Equal(43UL, type.GetMethod("Sum")!.Invoke(kernel, new object[] { 2u }));
        Assert.Equal(10UL, type.GetMethod("Sum")!.Invoke(kernel, new object[] { 3u }));
        // Written by slot, seen through the fields (which name the placed arrays) and through the member.
        Assert.Equal(new byte[] { 0, 0, 2, 2 }, (byte[])type.GetField("_state")!.GetValue(kernel)!);
        object messages = type.GetField("_m")!.GetValue(kernel)!;
        Assert.Equal(new ulong[] { 0, 0, 40, 7 }, (ulong[])messages.GetType().GetField("_word")!.GetValue(messages)!);
    }

    [Theory]
    // An array replaced after construction: the slot would still hold the old one.
    [InlineData("", "public void Grow(uint n) { (this)._len = new ulong[n]; }", "", "")]
    // A constructor that can end early would skip its placing.
    [InlineData("", "", "if (n == 0) { return; }", "")]
    // A method of the class called while it is constructed would reach the slots before the arrays are in them.
    [InlineData("", "public void Clear() { }", "(this).Clear();", "")]
    // Another class writing the field of an object that is not its own.
    [InlineData("", "", "", "namespace X { public class Y { public void W(IpcState.IpcMessages o) { o._word = new ulong[1]; } } }")]
    public void APremiseThatFailsLeavesEveryAccessAsItWas(string kernelExtra, string messagesExtra, string messagesCtorExtra, string other)
    {
        string text = GeneratedCodeStripper.Strip(Source(kernelExtra, messagesExtra, messagesCtorExtra, other)).Text;

        Assert.DoesNotContain("FixedArrays", text);
        // Through the member or the kernel's copy of its array, as the earlier rewriters left it.
        Assert.True(text.Contains("ProvedArray.At(ref (this)._m__word, t_wide) = w;")
            || text.Contains("ProvedArray.At(ref ((this).m)._word, t_wide) = w;"), text);
    }

    [Fact]
    public void AnArrayOfATypeWithoutASlotKeepsItsField()
    {
        string text = GeneratedCodeStripper.Strip(Source(messagesExtra: "public bool[] _flags {get; set;}")).Text;

        Assert.DoesNotContain("Place(ref (this)._flags", text);
        Assert.Contains("Verified.Boot.Runtime.FixedArrays.Place(ref (this)._word, 2U);", text);
    }

    [Fact]
    public void AnotherClassWithAFieldOfTheSameNameMayWriteItsOwn()
    {
        string other = """
            namespace Mapping {
              public class MappingTable {
                public MappingTable() { this._next = new uint[0]; }
                public void __ctor(uint n) { uint[] _nw0 = new uint[Dafny.Helpers.ToIntChecked(n, "size")]; MappingTable _lhs5 = this; _lhs5._next = _nw0; }
                public uint[] _next {get; set;}
              }
            }
            """;

        string text = GeneratedCodeStripper.Strip(Source(other: other)).Text;

        Assert.Contains("Verified.Boot.Runtime.FixedArrays.Place(ref (this)._next, 0U);", text);
        Assert.DoesNotContain("ProvedArray.At(ref (this)._m__word", text);
    }
}
