// Helpers for CapSpace tests: construction and the spec's Valid() recomputed in C# from the arrays alone.
using System.Collections.Generic;
using CapsSpace;
using C = CapsTypes.__default;

namespace Verified.Core.Tests.Caps;

internal static class CapSpaces
{
    /// <summary>A new space: Dafny constructors compile to a parameterless C# constructor plus `__ctor`.</summary>
    public static CapSpace New(uint tasks, uint slotsPerTask, uint objects)
    {
        var space = new CapSpace();
        space.__ctor(tasks, slotsPerTask, objects);
        return space;
    }

    public static uint Node(CapSpace space, uint task, uint slot) => space.slotBase[task] + slot;

    // An exception, not an xunit assertion: the file is shared as source with the explorer, which has no xunit (a
    // test fails on it all the same).
    private static void Fail(string message) => throw new System.InvalidOperationException(message);

    /// <summary>
    /// The representation invariant, recomputed from the arrays: the list from `head` is a proper doubly linked
    /// list visiting exactly the occupied nodes; refCount counts them per object; every capability after another
    /// and deeper (a descendant, as the model defines it) names the same object and type, holds no rights its
    /// ancestor lacks and keeps the ancestor's badge if it had one. Returns the order for comparisons.
    /// </summary>
    public static List<uint> AssertInvariant(CapSpace space)
    {
        int count = Check(space);
        var order = new List<uint>(count);
        for (int i = 0; i < count; i++)
        {
            order.Add(t_order![i]);
        }
        return order;
    }

    // Scratch arrays of Check, per thread: the explorer runs it after every machine step of every schedule, and
    // three allocations per check were a visible share of that.
    [System.ThreadStatic] private static uint[]? t_order;
    [System.ThreadStatic] private static bool[]? t_seen;
    [System.ThreadStatic] private static ulong[]? t_counts;

    private static T[] Scratch<T>(ref T[]? buffer, uint length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new T[length];
        }
        else
        {
            System.Array.Clear(buffer, 0, (int)length);
        }
        return buffer;
    }

    /// <summary>The invariant of <see cref="AssertInvariant"/> without building its result (fails the same way);
    /// returns how many nodes the list holds (this thread's <c>t_order</c> holds them, in order).</summary>
    public static int Check(CapSpace space)
    {
        // Conditions are tested in plain C#; only a failure builds a message and goes through Assert. The syscall
        // fuzzer runs this after every syscall, and an xunit assertion per element made it the fuzzer's largest cost.
        uint n = space.nodeCount;
        uint[] order = Scratch(ref t_order, n);
        bool[] seen = Scratch(ref t_seen, n);
        int count = 0;
        uint prev = C.Nil;
        for (uint x = space.head; x != C.Nil; x = space.next[x])
        {
            if (x >= n) Fail($"node {x} out of range");
            if (seen[x]) Fail($"node {x} visited twice: the list has a cycle");
            seen[x] = true;
            if (!(space.prev[x] == prev)) Fail($"node {x}: prev {space.prev[x]}, expected {prev}");
            if (!(space.capType[x] >= 1 && space.capType[x] <= C.MaxType)) Fail($"node {x} in the list has type {space.capType[x]}");
            order[count++] = x;
            prev = x;
        }
        ulong[] counts = Scratch(ref t_counts, space.objectCount);
        for (uint x = 0; x < n; x++)
        {
            if (!(seen[x] == (space.capType[x] != C.TypeNull))) Fail($"node {x}: in the list {seen[x]}, type {space.capType[x]}");
            if (seen[x])
            {
                if (!(space.capObj[x] < space.objectCount)) Fail($"node {x} names object {space.capObj[x]} out of range");
                counts[space.capObj[x]]++;
            }
        }
        for (uint o = 0; o < space.objectCount; o++)
        {
            if (!(counts[o] == space.refCount[o])) Fail($"object {o}: refCount {space.refCount[o]}, {counts[o]} capabilities");
        }
        if (count > 0)
        {
            if (!(space.capDepth[order[0]] == 0)) Fail($"first node {order[0]} has depth {space.capDepth[order[0]]}");
        }
        // Descendants of order[i]: the run of deeper entries right after it (O(n^2) worst case; tests are small).
        for (int i = 0; i < count; i++)
        {
            uint a = order[i];
            for (int j = i + 1; j < count && space.capDepth[order[j]] > space.capDepth[a]; j++)
            {
                uint c = order[j];
                if (!(space.capObj[a] == space.capObj[c])) Fail($"descendant {c} of {a} names another object");
                if (!(space.capType[a] == space.capType[c])) Fail($"descendant {c} of {a} has another type");
                if (!((space.capRights[c] & ~space.capRights[a]) == 0)) Fail($"descendant {c} of {a} has rights its ancestor lacks");
                if (!(space.capBadge[a] == C.NoBadge || space.capBadge[c] == space.capBadge[a])) Fail("badge changed below a badged capability");
            }
        }
        return count;
    }

    public static bool HasDescendant(CapSpace space, uint node) =>
        space.next[node] != C.Nil && space.capDepth[space.next[node]] > space.capDepth[node];
}
