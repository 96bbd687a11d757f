// Hosted implementation of the HAL page-table contract (spec/HalPageTables.dfy): the compiled core names its page
// tables by a space number; Attach binds a number to page tables, and the two extern methods write their leaves.
using System.Collections.Generic;
using Verified.Hal.Sim;

namespace HalPageTables
{
    public partial class __default
    {
        private const int MaxSpaces = 64;
        private static readonly IPageTableSpace?[] s_spaces = new IPageTableSpace?[MaxSpaces];
        private static int s_next;
        // Kernels of simulated machines: a test run makes thousands (the fuzzer one per seed), each with megabytes of
        // simulated memory, so the binding must not keep them alive, and a number is never reused (a recycled number
        // would send a live kernel's mappings into another machine). Their numbers start above the recycled ones.
        private static readonly Dictionary<uint, System.WeakReference<IPageTableSpace>> s_weak = new();
        private static uint s_nextWeak = MaxSpaces;

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
            lock (s_spaces)
            {
                if (s_weak.Count >= 1024)
                {
                    var dead = new List<uint>();
                    foreach (var entry in s_weak)
                    {
                        if (!entry.Value.TryGetTarget(out _))
                        {
                            dead.Add(entry.Key);
                        }
                    }
                    foreach (uint key in dead)
                    {
                        s_weak.Remove(key);
                    }
                }
                uint id = s_nextWeak++;
                s_weak[id] = new System.WeakReference<IPageTableSpace>(tables);
                return id;
            }
        }

        public static void HalMapPage(uint space, uint t, ulong v, ulong f, byte r) => Space(space).Map(t, v, f, r);

        public static void HalUnmapPage(uint space, uint t, ulong v) => Space(space).Unmap(t, v);

        private static IPageTableSpace Space(uint space)
        {
            if (space < MaxSpaces)
            {
                return s_spaces[space]!;
            }
            lock (s_spaces)
            {
                s_weak[space].TryGetTarget(out IPageTableSpace? tables);
                return tables!;
            }
        }
    }
}
