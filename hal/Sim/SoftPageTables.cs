// Simulated address-space page tables in the real x86-64 4-level format (PML4 -> PDPT -> PD -> PT), kept in a
// simulated physical memory. Each task's window (4096 pages from UserBase) is covered by tables allocated when the
// tables are created, so writing a leaf never allocates: the guarantee the HAL contract (spec/HalPageTables.dfy) asks.
using System;

namespace Verified.Hal.Sim
{
    public sealed class SoftPageTables : IPageTableSpace
    {
        public const ulong PageSize = 4096;
        public const ulong UserBase = 0x4000_0000;        // 1 GiB: PML4[0], PDPT[1], PD[0..7]
        public const ulong Present = 1UL;
        public const ulong Writable = 1UL << 1;
        public const ulong User = 1UL << 2;
        public const ulong NoExecute = 1UL << 63;
        public const ulong AddressMask = 0x000F_FFFF_FFFF_F000;
        private const int TablesPerTask = 11;               // PML4, PDPT, PD, 8 PTs
        private const ulong TableBase = 0x1000_0000;        // simulated physical address of the first table

        private readonly ulong[] _memory;                   // 512 entries per table frame
        private readonly ulong[] _roots;                    // per task: physical address of its PML4
        private readonly ulong _frameBase;

        /// <summary>Invalidations issued (one per unmap), as a TLB would receive them.</summary>
        public long Invalidations { get; private set; }

        public uint Tasks => (uint)_roots.Length;

        public SoftPageTables(uint tasks, ulong frameBase)
        {
            _frameBase = frameBase;
            _memory = new ulong[tasks * TablesPerTask * 512];
            _roots = new ulong[tasks];
            for (uint t = 0; t < tasks; t++)
            {
                ulong first = TableBase + t * TablesPerTask * PageSize;
                ulong pml4 = first, pdpt = first + PageSize, pd = first + 2 * PageSize;
                _roots[t] = pml4;
                Write(pml4, Index(UserBase, 3), pdpt | Present | Writable | User);
                Write(pdpt, Index(UserBase, 2), pd | Present | Writable | User);
                for (uint i = 0; i < 8; i++)
                {
                    ulong pt = first + (3 + i) * PageSize;
                    Write(pd, Index(UserBase, 1) + i, pt | Present | Writable | User);
                }
            }
        }

        /// <summary>Physical address of frame f (the mapping database numbers frames from 0).</summary>
        public ulong FrameAddress(ulong f) => _frameBase + f * PageSize;

        public static ulong VirtualAddress(ulong page) => UserBase + page * PageSize;

        public void Map(uint t, ulong v, ulong f, byte rights)
        {
            ulong entry = FrameAddress(f) | Present | User;
            if ((rights & 2) != 0)
            {
                entry |= Writable;
            }
            if ((rights & 1) == 0)
            {
                entry |= NoExecute;
            }
            Write(LeafTable(t, v), Index(VirtualAddress(v), 0), entry);
        }

        public void Unmap(uint t, ulong v)
        {
            Write(LeafTable(t, v), Index(VirtualAddress(v), 0), 0);
            Invalidations++;
        }

        /// <summary>The hardware's view: walks the four levels for a virtual address; 0 when not present.</summary>
        public ulong Walk(uint t, ulong virtualAddress)
        {
            ulong table = _roots[t];
            for (int level = 3; level >= 0; level--)
            {
                ulong entry = Read(table, Index(virtualAddress, level));
                if ((entry & Present) == 0)
                {
                    return 0;
                }
                if (level == 0)
                {
                    return entry;
                }
                table = entry & AddressMask;
            }
            return 0;
        }

        /// <summary>Decodes a leaf entry into (frame, rights) the way the database numbers them.</summary>
        public (ulong Frame, byte Rights) Decode(ulong entry)
        {
            byte rights = 4;
            if ((entry & Writable) != 0)
            {
                rights |= 2;
            }
            if ((entry & NoExecute) == 0)
            {
                rights |= 1;
            }
            return (((entry & AddressMask) - _frameBase) / PageSize, rights);
        }

        private ulong LeafTable(uint t, ulong v)
        {
            if (v >= 4096)
            {
                throw new ArgumentOutOfRangeException(nameof(v));
            }
            ulong va = VirtualAddress(v);
            ulong pdpt = Read(_roots[t], Index(va, 3)) & AddressMask;
            ulong pd = Read(pdpt, Index(va, 2)) & AddressMask;
            return Read(pd, Index(va, 1)) & AddressMask;
        }

        private static uint Index(ulong va, int level) => (uint)((va >> (12 + 9 * level)) & 0x1FF);

        private ulong Read(ulong table, uint index) => _memory[Slot(table, index)];

        private void Write(ulong table, uint index, ulong value) => _memory[Slot(table, index)] = value;

        private static long Slot(ulong table, uint index) => (long)((table - TableBase) / 8 + index);
    }
}
