// The mapping database's representation invariant recomputed in C# from the node arrays, independently of the
// Dafny proof; shared as source with the syscall fuzzer (tests/Verified.Sim.Kernel.Tests), which runs it after
// every syscall, so conditions are plain C# and only a failure builds a message.
using System;
using MappingDatabase;
using static MappingTypes.__default;

namespace Verified.Core.Tests.Mapping;

internal static class MappingInvariant
{
    /// <summary>Null when the invariant holds, else what is broken: every live node sits in its slot; sigma0's roots
    /// are the identity of their frame; a child is one deeper than its parent, names the same frame, holds no right
    /// the parent lacks, traces back to its frame's root and is in its parent's child list; the slot table holds
    /// exactly the live nodes and the free list exactly the others.</summary>
    public static string? Check(MappingDb db)
    {
        // Locals, not the generated properties: those are a call per element in unoptimized builds.
        byte[] rights = db.rights;
        uint[] task = db.task, parent = db.parent, depth = db.depth, firstChild = db.firstChild, nextSib = db.nextSib;
        ulong[] vpage = db.vpage, frame = db.frame;
        uint capacity = db.capacity, frames = db.frames, tasks = db.tasks;
        int live = 0;
        // Free nodes (rights 0) are most of the table: a vectorized search skips them. The explorer runs this after
        // every machine step of every schedule.
        ReadOnlySpan<byte> allRights = rights.AsSpan(0, (int)capacity);
        for (int at = allRights.IndexOfAnyExcept((byte)0); at >= 0; at = NextLive(allRights, at))
        {
            uint n = (uint)at;
            live++;
            if (rights[n] > RightsAll || task[n] >= tasks || vpage[n] >= PagesPerTask)
            {
                return $"node {n}: rights {rights[n]}, task {task[n]}, page {vpage[n]} out of range";
            }
            if (db.slot[(int)Slot(task[n], vpage[n])] != n)
            {
                return $"node {n} not in its slot";
            }
            if (n < frames)
            {
                if (task[n] != 0 || vpage[n] != n || frame[n] != n || rights[n] != RightsAll)
                {
                    return $"root {n} is not sigma0's identity mapping with all rights";
                }
                continue;
            }
            uint p = parent[n];
            if (p >= capacity || rights[p] == 0)
            {
                return $"node {n}: parent {p} is free";
            }
            if (depth[p] + 1 != depth[n] || frame[p] != frame[n])
            {
                return $"node {n}: depth or frame differ from parent {p}'s";
            }
            if ((rights[n] & ~rights[p] & 7) != 0)
            {
                return $"node {n}: rights {rights[n]} exceed parent's {rights[p]}";
            }
            uint a = n;
            int guard = 0;
            while (a >= frames)
            {
                a = parent[a];
                if (++guard >= 10_000 || a >= capacity)
                {
                    return $"node {n}: parent chain does not end at a root";
                }
            }
            if (frame[n] != a)
            {
                return $"node {n}: frame {frame[n]} but root {a}";
            }
            bool found = false;
            for (uint c = firstChild[p]; c != Nil; c = nextSib[c])
            {
                if (c >= capacity || parent[c] != p)
                {
                    return $"child list of {p} holds {c}, whose parent is not {p}";
                }
                found |= c == n;
            }
            if (!found)
            {
                return $"node {n} missing from the child list of {p}";
            }
        }
        uint[] slots = db.slot;
        int mapped = slots.Length - slots.AsSpan().Count(Nil);
        if (live != mapped)
        {
            return $"{live} live nodes, {mapped} mapped slots";
        }
        int free = 0;
        for (uint f = db.freeHead; f != Nil; f = nextSib[f])
        {
            if (f >= capacity || rights[f] != 0 || ++free > (int)capacity)
            {
                return $"free list holds {f}, which is live or out of range";
            }
        }
        if ((int)capacity - live != free)
        {
            return $"{free} free nodes, expected {(int)capacity - live}";
        }
        return null;
    }

    /// <summary>The next live node after <paramref name="at"/>, or -1.</summary>
    private static int NextLive(ReadOnlySpan<byte> rights, int at)
    {
        // Live nodes come in runs (sigma0's roots are the first frames): the next one is usually right there.
        if (at + 1 < rights.Length && rights[at + 1] != 0)
        {
            return at + 1;
        }
        int next = rights[(at + 1)..].IndexOfAnyExcept((byte)0);
        return next < 0 ? -1 : at + 1 + next;
    }
}
