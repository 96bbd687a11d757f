// Freestanding implementation of the HAL page-table contract (spec/HalPageTables.dfy): the compiled mapping core
// writes leaves by space number into a set of tables bound with Attach. MappingAddressSpaces below are tables the
// boot self-checks build and never load into CR3 (so no TLB entry can be stale); the live tables of the running
// system are hal/X64/Spaces/TaskSpaces.cs. Every intermediate table of a task's window is allocated up front, so
// writing a leaf never allocates, as the contract requires.
using Verified.Hal.X64;

namespace HalPageTables
{
    public partial class __default
    {
        // The compiled core names page tables by a space number; the kernel binds numbers with Attach.
        private static IPageTableLeaves?[]? s_spaces;

        public static uint Attach(IPageTableLeaves spaces)
        {
            if (s_spaces == null)
            {
                s_spaces = new IPageTableLeaves?[8];
            }
            for (uint i = 0; i < (uint)s_spaces.Length; i++)
            {
                if (s_spaces[i] == null)
                {
                    s_spaces[i] = spaces;
                    return i;
                }
            }
            Panic.Halt("mapping HAL: too many address-space sets");
            return 0;
        }

        public static void HalMapPage(uint space, uint t, ulong v, ulong f, byte r) => s_spaces![space]!.Map(t, v, f, r);

        public static void HalUnmapPage(uint space, uint t, ulong v) => s_spaces![space]!.Unmap(t, v);
    }
}

namespace Verified.Hal.X64
{
    /// <summary>What the mapping core's HAL contract writes: the leaf of window page <c>v</c> of task <c>t</c>.</summary>
    public interface IPageTableLeaves
    {
        void Map(uint t, ulong v, ulong f, byte rights);

        void Unmap(uint t, ulong v);
    }

    public sealed unsafe class MappingAddressSpaces : IPageTableLeaves
    {
        public const ulong PageSize = 4096;
        public const ulong UserBase = 0x4000_0000;   // 1 GiB: PML4[0], PDPT[1], PD[0..7] cover the 4096-page window
        public const ulong Present = 1UL;
        public const ulong Writable = 1UL << 1;
        public const ulong User = 1UL << 2;
        public const ulong NoExecute = 1UL << 63;
        public const ulong AddressMask = 0x000F_FFFF_FFFF_F000;
        private const ulong TablesPerTask = 11;

        private readonly ulong[] _roots;       // per task: physical address of its PML4 (identity-mapped)
        private readonly ulong _frameBase;

        /// <summary>Tables for <paramref name="tasks"/> address spaces; frame f of the database is at frameBase + f pages.</summary>
        public MappingAddressSpaces(uint tasks, ulong frameBase)
        {
            _frameBase = frameBase;
            _roots = new ulong[tasks];
            for (uint t = 0; t < tasks; t++)
            {
                ulong first = (ulong)PhysicalMemory.AllocateZeroed(TablesPerTask * PageSize, PageSize);
                ulong pml4 = first, pdpt = first + PageSize, pd = first + 2 * PageSize;
                _roots[t] = pml4;
                ((ulong*)pml4)[Index(UserBase, 3)] = pdpt | Present | Writable | User;
                ((ulong*)pdpt)[Index(UserBase, 2)] = pd | Present | Writable | User;
                for (ulong i = 0; i < 8; i++)
                {
                    ((ulong*)pd)[Index(UserBase, 1) + i] = (first + (3 + i) * PageSize) | Present | Writable | User;
                }
            }
        }

        public ulong Root(uint t) => _roots[t];

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
            LeafTable(t, v)[Index(VirtualAddress(v), 0)] = entry;
        }

        public void Unmap(uint t, ulong v) => LeafTable(t, v)[Index(VirtualAddress(v), 0)] = 0;

        /// <summary>Walks task t's four levels for a virtual address as the MMU would; 0 when not present.</summary>
        public ulong Walk(uint t, ulong virtualAddress)
        {
            ulong table = _roots[t];
            for (int level = 3; level >= 0; level--)
            {
                ulong entry = ((ulong*)table)[Index(virtualAddress, level)];
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

        private ulong* LeafTable(uint t, ulong v)
        {
            if (v >= 4096)
            {
                Panic.Halt("mapping HAL: page outside the task window");
            }
            ulong va = VirtualAddress(v);
            ulong pdpt = ((ulong*)_roots[t])[Index(va, 3)] & AddressMask;
            ulong pd = ((ulong*)pdpt)[Index(va, 2)] & AddressMask;
            return (ulong*)(((ulong*)pd)[Index(va, 1)] & AddressMask);
        }

        private static ulong Index(ulong va, int level) => (va >> (12 + 9 * level)) & 0x1FF;
    }
}
