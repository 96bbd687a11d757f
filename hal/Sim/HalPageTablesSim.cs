// Hosted implementation of the HAL page-table contract (spec/HalPageTables.dfy): the compiled core names its page
// tables by a space number; Attach binds a number to page tables, and the two extern methods write their leaves.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Verified.Hal.Sim;

namespace HalPageTables
{
    public partial class __default
    {
        private const int MaxSpaces = 64;
        private static readonly IPageTableSpace?[] s_spaces = new IPageTableSpace?[MaxSpaces];
        private static int s_next;
        // Kernels of simulated machines: a test run makes thousands (the fuzzer one per seed, the explorer one per
        // schedule), each with its simulated memory, so the binding must not keep them alive, and a number is never
        // reused (a recycled number would send a live kernel's mappings into another machine). Their numbers start above
        // the recycled ones. Weak GC handles, freed when a sweep finds their tables collected: a WeakReference per
        // machine would put every machine on the finalizer queue.
        private static readonly Dictionary<uint, GCHandle> s_weak = new();
        private static uint s_nextWeak = MaxSpaces;
        private static int s_sweepAt = 1024;
        // The space this thread bound or looked up last (a number is never rebound, so the pair stays true): a
        // machine's kernel maps its pages on its own thread, and the lookup then needs no lock.
        [ThreadStatic]
        private static uint t_lastSpace;
        [ThreadStatic]
        private static IPageTableSpace? t_lastTables;

        /// <summary>Binds a fresh space number to <paramref name="tables"/> (a test or benchmark creates a few; numbers are
        /// recycled after 64, and the binding keeps the tables alive).</summary>
        public static uint Attach(IPageTableSpace tables)
        {
            lock (s_spaces)
            {
                int id = s_next;
                s_next = (s_next + 1) % MaxSpaces;
                s_spaces[id] = tables;
                return (uint)id;
            }
        }

        /// <summary>Binds a number never used before to <paramref name="tables"/>, without keeping them alive: the owner
        /// (a simulated machine's kernel) holds them as long as its mapping core can write them.</summary>
        public static uint AttachWeak(IPageTableSpace tables)
        {
            uint id;
            lock (s_spaces)
            {
                if (s_weak.Count >= s_sweepAt)
                {
                    Sweep();
                    // Amortized: the next sweep waits until the live bindings have doubled.
                    s_sweepAt = Math.Max(1024, 2 * s_weak.Count);
                }
                id = s_nextWeak++;
                s_weak[id] = GCHandle.Alloc(tables, GCHandleType.Weak);
            }
            t_lastSpace = id;
            t_lastTables = tables;
            return id;
        }

        public static void HalMapPage(uint space, uint t, ulong v, ulong f, byte r) => Space(space).Map(t, v, f, r);

        public static void HalUnmapPage(uint space, uint t, ulong v) => Space(space).Unmap(t, v);

        private static IPageTableSpace Space(uint space)
        {
            if (space < MaxSpaces)
            {
                return s_spaces[space]!;
            }
            if (space == t_lastSpace && t_lastTables is { } last)
            {
                return last;
            }
            IPageTableSpace tables;
            lock (s_spaces)
            {
                // The mapping core holds the tables' owner alive while it maps, so the target is there.
                tables = (IPageTableSpace)s_weak[space].Target!;
            }
            t_lastSpace = space;
            t_lastTables = tables;
            return tables;
        }

        /// <summary>Frees the bindings whose tables were collected (under the lock).</summary>
        private static void Sweep()
        {
            var dead = new List<uint>();
            foreach (var entry in s_weak)
            {
                if (entry.Value.Target is null)
                {
                    dead.Add(entry.Key);
                }
            }
            foreach (uint key in dead)
            {
                s_weak[key].Free();
                s_weak.Remove(key);
            }
        }
    }
}
