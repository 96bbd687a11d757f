// What the hosted HAL page-table contract (spec/HalPageTables.dfy) writes through: the leaves of tasks' windows.
// SoftPageTables keeps them in tables of its own; the Sim kernel's windows (hal/Sim/Kernel) keep them in the
// SimAddressSpace page tables the simulated CPU walks.
namespace Verified.Hal.Sim
{
    public interface IPageTableSpace
    {
        /// <summary>A present leaf for task <paramref name="t"/>'s window page <paramref name="v"/>: frame
        /// <paramref name="f"/> with L4 rights <paramref name="rights"/> (1..7).</summary>
        void Map(uint t, ulong v, ulong f, byte rights);

        /// <summary>Clears the leaf (and, on a machine with a TLB, its translation).</summary>
        void Unmap(uint t, ulong v);
    }
}
