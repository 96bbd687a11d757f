// The mapping core's view of one task's address space on the machine: 4096 pages from SoftPageTables.UserBase whose
// leaves are written with SoftPageTables' encoding, with every table of the window allocated up front so that Map
// never allocates and cannot fail (what the HAL contract spec/HalPageTables.dfy requires of HalMapPage). The same
// calls as SoftPageTables (Map, Unmap, Walk, Decode), but the entries land in tables the simulated CPU walks, so a
// mapping the core makes is what a user thread's accesses and the long-IPC copy see.
using System;

namespace Verified.Hal.Sim.Machine
{
    public sealed class MappingWindow
    {
        public const ulong Pages = 4096;
        private const ulong PagesPerTable = 512;

        public MappingWindow(SimAddressSpace space, ulong frameBase)
        {
            if ((frameBase & (SimPhysicalMemory.PageSize - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(frameBase));
            }
            Space = space;
            FrameBase = frameBase;
            for (ulong v = 0; v < Pages; v += PagesPerTable)
            {
                if (!space.EnsureTables(SoftPageTables.VirtualAddress(v)))
                {
                    throw new InvalidOperationException("no memory for the window's page tables");
                }
            }
        }

        public SimAddressSpace Space { get; }

        /// <summary>Physical address of the mapping database's frame 0.</summary>
        public ulong FrameBase { get; }

        /// <summary>Invalidations issued (one per unmap), as a TLB would receive them.</summary>
        public long Invalidations { get; private set; }

        public ulong FrameAddress(ulong f) => FrameBase + f * SimPhysicalMemory.PageSize;

        /// <summary>Writes the leaf for window page <paramref name="v"/>: frame <paramref name="f"/> with L4 rights.</summary>
        public void Map(ulong v, ulong f, byte rights) =>
            Space.Memory.WriteUInt64(LeafAddress(v), PageTableEntry.UserLeaf(FrameAddress(f), rights));

        public void Unmap(ulong v)
        {
            Space.Memory.WriteUInt64(LeafAddress(v), 0);
            Invalidations++;
        }

        /// <summary>The leaf for window page <paramref name="v"/>; 0 when not present (as SoftPageTables.Walk). Unlike there,
        /// the simulated CPU may have set its accessed and dirty bits; Decode ignores them.</summary>
        public ulong Walk(ulong v)
        {
            ulong entry = Space.Memory.ReadUInt64(LeafAddress(v));
            return (entry & PageTableEntry.Present) != 0 ? entry : 0;
        }

        /// <summary>(frame number, rights) of a leaf, numbered as the mapping database numbers them.</summary>
        public (ulong Frame, byte Rights) Decode(ulong entry) =>
            (((entry & PageTableEntry.AddressMask) - FrameBase) / SimPhysicalMemory.PageSize, PageTableEntry.Rights(entry));

        private ulong LeafAddress(ulong v)
        {
            if (v >= Pages)
            {
                throw new ArgumentOutOfRangeException(nameof(v));
            }
            return Space.EntryAddress(SoftPageTables.VirtualAddress(v), 0);
        }
    }
}
