// The live address spaces of the tasks: one 4-level tree per task, loaded into CR3 while one of its threads runs.
// The kernel is mapped supervisor-only in every tree by sharing the boot page directories of the first and the
// fourth GiB (code, data, heap and physical memory below 1 GiB; the local APIC near 4 GiB), so a kernel entry
// needs no address-space switch. The second GiB is the task's own (docs/abi.md sections 4 and 5):
//   0x4000_0000  the mapping window, 4096 pages whose leaves only the mapping core writes (IPageTableLeaves)
//   0x4100_0000  the UTCB area, one page per UTCB slot, written by the kernel when a thread is made or deleted
// and PML4 slot 1 (0x80_0000_0000, UserAddressSpace.UserBase) holds the image the kernel loads for the root task.
// Every table of the window and the UTCB area exists from construction, so no leaf write ever allocates.
using System.Runtime.CompilerServices;

namespace Verified.Hal.X64
{
    public sealed unsafe class TaskSpaces : IPageTableLeaves
    {
        public const ulong PageSize = 4096;
        public const ulong WindowBase = 0x4000_0000;
        public const ulong WindowPages = 4096;
        public const ulong UtcbBase = WindowBase + WindowPages * PageSize;
        public const uint UtcbSlots = 256;
        public const ulong ImageBase = UserAddressSpace.UserBase;
        public const ulong ImageEnd = UserAddressSpace.UserEnd;

        public const ulong Present = 1, Writable = 2, User = 4, Accessed = 1UL << 5, LargePage = 1UL << 7;
        public const ulong NoExecute = 1UL << 63;
        public const ulong AddressMask = 0x000F_FFFF_FFFF_F000UL;

        // Per task: PML4, the PDPT of the low 512 GiB, the page directory of the second GiB, 8 window tables and
        // the UTCB table, in one block.
        private const ulong TablesPerTask = 12;
        private const ulong WindowTables = 8;
        private const ulong SecondGiB = 1UL << 30;

        private readonly ulong[] _roots;
        private readonly ulong[] _frames;
        private readonly bool[] _stale;     // a leaf changed while the task's space was not loaded (PCIDs only)
        // The CR3 value Load wrote last. CR3 may have changed since without Load (the boot's single-program runs
        // return to the kernel's tables): then Load may skip a write it needed, and the exit path, which loads the
        // context's CR3 whenever it differs from the live one, makes the switch instead (flushing the PCID).
        private ulong _loaded = ulong.MaxValue;

        /// <param name="frames">physical address of each frame the mapping core numbers (frame f at _frames[f])</param>
        public TaskSpaces(uint tasks, ulong[] frames)
        {
            _frames = frames;
            _roots = new ulong[tasks];
            _stale = new bool[tasks];
            ulong* kernelPml4 = (ulong*)(Cpu.ReadCr3() & AddressMask);
            ulong* kernelPdpt = (ulong*)(kernelPml4[0] & AddressMask);
            for (uint t = 0; t < tasks; t++)
            {
                ulong first = (ulong)PhysicalMemory.AllocateZeroed(TablesPerTask * PageSize, PageSize);
                ulong* pml4 = (ulong*)first;
                ulong* pdpt = (ulong*)(first + PageSize);
                ulong* pd = (ulong*)(first + 2 * PageSize);
                pml4[0] = (ulong)pdpt | Present | Writable | User;
                // The kernel's directories carry no User bit: ring 3 can reach none of their pages.
                pdpt[0] = kernelPdpt[0];
                pdpt[3] = kernelPdpt[3];
                pdpt[1] = (ulong)pd | Present | Writable | User;
                for (ulong i = 0; i <= WindowTables; i++)
                {
                    pd[i] = (first + (3 + i) * PageSize) | Present | Writable | User;
                }
                _roots[t] = first;
            }
        }

        public uint Tasks => (uint)_roots.Length;

        /// <summary>The physical address of task <paramref name="t"/>'s top-level table.</summary>
        public ulong Root(uint t) => _roots[t];

        /// <summary>The value CR3 holds while a thread of task <paramref name="t"/> runs: the table, and the task's
        /// PCID when PCIDs are on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Cr3(uint t) => _roots[t] | (ProcessContextIds.Enabled ? t + 1 : 0);

        /// <summary>Makes task <paramref name="t"/>'s space the loaded one (before leaving to one of its threads): with
        /// PCIDs its TLB entries survive unless a leaf changed since it was last loaded. <paramref name="cr3"/> is
        /// Cr3(t), as the thread's context keeps it. Without PCIDs a switch need not call it: every load flushes the
        /// TLB, so whether a leaf changed does not matter, and the exit path's own comparison (user_exit_to_current,
        /// boot/X64/UserMode.S) writes CR3 when the context's differs.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Load(uint t, ulong cr3)
        {
            if (_loaded == cr3)
            {
                return;
            }
            _loaded = cr3;
            if (!ProcessContextIds.Enabled)
            {
                // Every load flushes the TLB: whether a leaf changed does not matter.
                Cpu.WriteCr3(cr3);
                return;
            }
            bool keep = !_stale[t];
            _stale[t] = false;
            Cpu.WriteCr3(keep ? cr3 | ProcessContextIds.NoFlush : cr3);
        }

        public uint Frames => (uint)_frames.Length;

        public ulong FrameAddress(ulong f) => _frames[(uint)f];

        /// <summary>The mapping core's leaf write: window page <paramref name="v"/> of task <paramref name="t"/> maps
        /// frame <paramref name="f"/> with the core's rights (x 1, w 2, r 4).</summary>
        public void Map(uint t, ulong v, ulong f, byte rights)
        {
            ulong entry = _frames[(uint)f] | Present | User;
            if ((rights & 2) != 0)
            {
                entry |= Writable;
            }
            if ((rights & 1) == 0)
            {
                entry |= NoExecute;
            }
            SetLeaf(t, WindowBase + v * PageSize, entry);
        }

        public void Unmap(uint t, ulong v) => SetLeaf(t, WindowBase + v * PageSize, 0);

        /// <summary>Maps (or with 0, unmaps) the UTCB page of slot <paramref name="slot"/> in task <paramref name="t"/>:
        /// user-writable, never executable.</summary>
        public void SetUtcb(uint t, uint slot, ulong physical) =>
            SetLeaf(t, UtcbBase + slot * PageSize, physical == 0 ? 0 : physical | Present | Writable | User | NoExecute);

        /// <summary>Maps one page of the root task's image region (PML4 slot 1), allocating its tables.</summary>
        public bool MapImage(uint t, ulong address, ulong physical, bool writable, bool executable)
        {
            if (address < ImageBase || address >= ImageEnd || ((address | physical) & (PageSize - 1)) != 0)
            {
                return false;
            }
            ulong* table = (ulong*)_roots[t];
            for (int level = 3; level > 0; level--)
            {
                ulong* entry = &table[Index(address, level)];
                if ((*entry & Present) == 0)
                {
                    *entry = (ulong)PhysicalMemory.AllocateZeroed(PageSize, PageSize) | Present | Writable | User;
                }
                table = (ulong*)(*entry & AddressMask);
            }
            table[Index(address, 0)] = physical | Present | User | (writable ? Writable : 0) | (executable ? 0 : NoExecute);
            return true;
        }

        /// <summary>A task id handed out again starts without an image (its window and UTCBs are already empty).</summary>
        public void ForgetImage(uint t) => ((ulong*)_roots[t])[Index(ImageBase, 3)] = 0;

        /// <summary>
        /// The leaf a user-mode access to <paramref name="address"/> in task <paramref name="t"/> would use: 0 when
        /// the MMU would fault (not present, or a level without the User bit, or not writable for a write), with the
        /// #PF error code it would push (P 1 when a present entry refused, W 2 for a write, U 4 always).
        /// </summary>
        public ulong UserLeaf(uint t, ulong address, bool write, out ulong errorCode)
        {
            errorCode = 4 | (write ? 2UL : 0);
            if (address >= (1UL << 47))
            {
                return 0;
            }
            // The four levels written out (this walk runs for every piece of every long-IPC chunk). As the MMU: a
            // missing level is "not present" (P 0) whatever the levels above allowed; a complete walk that some
            // level refuses (no User bit, or not writable for a write) is a protection fault (P 1). User pages are
            // 4 KiB pages under User tables, so a large page on the way is the kernel's identity map: refused.
            ulong pml4e = ((ulong*)_roots[t])[Index(address, 3)];
            if ((pml4e & Present) == 0)
            {
                return 0;
            }
            ulong pdpte = ((ulong*)(pml4e & AddressMask))[Index(address, 2)];
            if ((pdpte & Present) == 0)
            {
                return 0;
            }
            if ((pdpte & LargePage) != 0)
            {
                errorCode |= 1;
                return 0;
            }
            ulong pde = ((ulong*)(pdpte & AddressMask))[Index(address, 1)];
            if ((pde & Present) == 0)
            {
                return 0;
            }
            if ((pde & LargePage) != 0)
            {
                errorCode |= 1;
                return 0;
            }
            ulong pte = ((ulong*)(pde & AddressMask))[Index(address, 0)];
            if ((pte & Present) == 0)
            {
                return 0;
            }
            ulong need = write ? User | Writable : User;
            if ((pml4e & pdpte & pde & pte & need) != need)
            {
                errorCode |= 1;
                return 0;
            }
            return pte;
        }

        private void SetLeaf(uint t, ulong address, ulong entry)
        {
            ulong* pd = (ulong*)(((ulong*)(((ulong*)_roots[t])[0] & AddressMask))[1] & AddressMask);
            ulong* pt = (ulong*)(pd[(address - SecondGiB) >> 21] & AddressMask);
            pt[Index(address, 0)] = entry;
            // Without PCIDs a switch of CR3 flushes every entry of this space, so only the loaded space can hold
            // a stale translation of this page; with them, an unloaded space is flushed when it is next loaded.
            if ((Cpu.ReadCr3() & AddressMask) == _roots[t])
            {
                Cpu.InvalidatePage(address);
            }
            else
            {
                _stale[t] = true;
            }
        }

        private static ulong Index(ulong address, int level) => (address >> (12 + 9 * level)) & 0x1FF;
    }
}
