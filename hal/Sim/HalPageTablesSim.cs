// Hosted implementation of the HAL page-table contract (spec/HalPageTables.dfy): the compiled core names its page
// tables by a space number; Attach binds a number to a SoftPageTables, and the two extern methods write its leaves.
using Verified.Hal.Sim;

namespace HalPageTables
{
    public partial class __default
    {
        private const int MaxSpaces = 64;
        private static readonly SoftPageTables?[] s_spaces = new SoftPageTables?[MaxSpaces];
        private static int s_next;

        /// <summary>Binds a fresh space number to <paramref name="tables"/> (a test or benchmark creates a few).</summary>
        public static uint Attach(SoftPageTables tables)
        {
            lock (s_spaces)
            {
                int id = s_next;
                s_next = (s_next + 1) % MaxSpaces;
                s_spaces[id] = tables;
                return (uint)id;
            }
        }

        public static void HalMapPage(uint space, uint t, ulong v, ulong f, byte r) => s_spaces[space]!.Map(t, v, f, r);

        public static void HalUnmapPage(uint space, uint t, ulong v) => s_spaces[space]!.Unmap(t, v);
    }
}
