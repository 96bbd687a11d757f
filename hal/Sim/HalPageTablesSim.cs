// Hosted implementation of the HAL page-table contract (spec/HalPageTables.dfy): each PageTableState carries a
// SoftPageTables, and the two extern methods write its leaf entries.
using Verified.Hal.Sim;

namespace HalPageTables
{
    public partial class PageTableState
    {
        /// <summary>The simulated tables this state stands for; attach before constructing the database.</summary>
        public SoftPageTables? Sim;
    }

    public partial class __default
    {
        public static void HalMapPage(PageTableState pt, uint t, ulong v, ulong f, byte r) => pt.Sim!.Map(t, v, f, r);

        public static void HalUnmapPage(PageTableState pt, uint t, ulong v) => pt.Sim!.Unmap(t, v);
    }
}
