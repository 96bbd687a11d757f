// Helpers for CapSpace tests: construction and the spec's Valid() recomputed in C# from the arrays alone.
using System.Collections.Generic;
using CapsSpace;
using Xunit;
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

    /// <summary>
    /// The representation invariant, recomputed from the arrays: the list from `head` is a proper doubly linked
    /// list visiting exactly the occupied nodes; refCount counts them per object; every capability after another
    /// and deeper (a descendant, as the model defines it) names the same object and type, holds no rights its
    /// ancestor lacks and keeps the ancestor's badge if it had one. Returns the order for comparisons.
    /// </summary>
    public static List<uint> AssertInvariant(CapSpace space)
    {
        uint n = space.nodeCount;
        var order = new List<uint>();
        var seen = new bool[n];
        uint prev = C.Nil;
        for (uint x = space.head; x != C.Nil; x = space.next[x])
        {
            Assert.True(x < n, $"node {x} out of range");
            Assert.False(seen[x], $"node {x} visited twice: the list has a cycle");
            seen[x] = true;
            Assert.Equal(prev, space.prev[x]);
            Assert.NotEqual(C.TypeNull, space.capType[x]);
            Assert.InRange(space.capType[x], (byte)1, C.MaxType);
            order.Add(x);
            prev = x;
        }
        var counts = new ulong[space.objectCount];
        for (uint x = 0; x < n; x++)
        {
            Assert.Equal(seen[x], space.capType[x] != C.TypeNull);
            if (seen[x])
            {
                Assert.True(space.capObj[x] < space.objectCount);
                counts[space.capObj[x]]++;
            }
        }
        Assert.Equal(counts, space.refCount);
        if (order.Count > 0)
        {
            Assert.Equal(0ul, space.capDepth[order[0]]);
        }
        // Descendants of order[i]: the run of deeper entries right after it (O(n^2) worst case; tests are small).
        for (int i = 0; i < order.Count; i++)
        {
            uint a = order[i];
            for (int j = i + 1; j < order.Count && space.capDepth[order[j]] > space.capDepth[a]; j++)
            {
                uint c = order[j];
                Assert.Equal(space.capObj[a], space.capObj[c]);
                Assert.Equal(space.capType[a], space.capType[c]);
                Assert.Equal(space.capRights[c], (byte)(space.capRights[c] & space.capRights[a]));
                Assert.True(space.capBadge[a] == C.NoBadge || space.capBadge[c] == space.capBadge[a], "badge changed below a badged capability");
            }
        }
        return order;
    }

    public static bool HasDescendant(CapSpace space, uint node) =>
        space.next[node] != C.Nil && space.capDepth[space.next[node]] > space.capDepth[node];
}
