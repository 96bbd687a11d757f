// A user address space: a page-table tree whose lower half maps the kernel (supervisor-only, shared with every
// space) and whose user region, one PML4 slot at UserBase, holds the task's own 4 KiB pages.
namespace Verified.Hal.X64
{
    public unsafe struct UserAddressSpace
    {
        /// <summary>Start of the user region: PML4 slot 1 (512 GiB), above the kernel's identity map in slot 0.</summary>
        public const ulong UserBase = 0x0000_0080_0000_0000UL;
        public const ulong UserEnd = 0x0000_0100_0000_0000UL;

        private const ulong Present = 1, Writable = 2, User = 4, NoExecute = 1UL << 63;
        private const ulong AddressMask = 0x000F_FFFF_FFFF_F000UL;
        private const int KernelSlot = 0;

        private ulong* _pml4;

        /// <summary>The physical address to load into CR3.</summary>
        public ulong Root => (ulong)_pml4;

        public static UserAddressSpace Create()
        {
            UserAddressSpace space;
            space._pml4 = (ulong*)PhysicalMemory.AllocateZeroed(4096, 4096);
            // The kernel's mappings, shared and supervisor-only (the identity map is physical = virtual).
            ulong* kernelPml4 = (ulong*)(Cpu.ReadCr3() & AddressMask);
            space._pml4[KernelSlot] = kernelPml4[KernelSlot];
            return space;
        }

        /// <summary>
        /// Maps the 4 KiB page at <paramref name="virtualAddress"/> (inside the user region) to the physical page
        /// <paramref name="physicalAddress"/>. Returns false for an address outside the region or unaligned input.
        /// </summary>
        public bool Map(ulong virtualAddress, ulong physicalAddress, bool writable, bool executable)
        {
            if (virtualAddress < UserBase || virtualAddress >= UserEnd || ((virtualAddress | physicalAddress) & 0xFFF) != 0)
            {
                return false;
            }
            ulong* table = _pml4;
            for (int shift = 39; shift > 12; shift -= 9)
            {
                ulong* entry = &table[(virtualAddress >> shift) & 511];
                if ((*entry & Present) == 0)
                {
                    *entry = (ulong)PhysicalMemory.AllocateZeroed(4096, 4096) | Present | Writable | User;
                }
                table = (ulong*)(*entry & AddressMask);
            }
            table[(virtualAddress >> 12) & 511] = physicalAddress | Present | User
                | (writable ? Writable : 0) | (executable ? 0 : NoExecute);
            return true;
        }
    }
}
