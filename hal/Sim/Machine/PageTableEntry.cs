// The x86-64 page-table entry format (Intel SDM vol. 3, 4.5), shared with hal/Sim/SoftPageTables.cs: the same bit
// constants and the same encoding of L4 rights (read 4, write 2, execute 1; spec/Mapping/MappingTypes.dfy) as leaf
// bits, so an entry the mapping core's HAL writes there means the same thing in the simulated machine.
namespace Verified.Hal.Sim.Machine
{
    public static class PageTableEntry
    {
        public const ulong Present = SoftPageTables.Present;      // bit 0
        public const ulong Writable = SoftPageTables.Writable;    // bit 1
        public const ulong User = SoftPageTables.User;            // bit 2
        public const ulong WriteThrough = 1UL << 3;
        public const ulong CacheDisable = 1UL << 4;
        public const ulong Accessed = 1UL << 5;
        public const ulong Dirty = 1UL << 6;                       // leaf only
        public const ulong PageSizeBit = 1UL << 7;                 // PDPT: 1 GiB page, PD: 2 MiB page
        public const ulong Global = 1UL << 8;
        public const ulong NoExecute = SoftPageTables.NoExecute;  // bit 63 (EFER.NXE is on)
        public const ulong AddressMask = SoftPageTables.AddressMask;

        /// <summary>Bits 51..MAXPHYADDR of an entry must be zero: the machine has 52-bit physical addresses, so none.
        /// Bits 52..62 are ignored by the hardware (available to software).</summary>
        public const ulong ReservedMask = 0;

        /// <summary>Table entries above the leaf: the permissive bits, so only the leaf restricts (as X64 does).</summary>
        public const ulong TableFlags = Present | Writable | User;

        /// <summary>A user leaf for the 4 KiB frame at <paramref name="physicalAddress"/> with L4 rights r/w/x, encoded as
        /// SoftPageTables.Map encodes them: always present and user, writable with W, no-execute without X.</summary>
        public static ulong UserLeaf(ulong physicalAddress, byte rights)
        {
            ulong entry = (physicalAddress & AddressMask) | Present | User;
            if ((rights & 2) != 0)
            {
                entry |= Writable;
            }
            if ((rights & 1) == 0)
            {
                entry |= NoExecute;
            }
            return entry;
        }

        /// <summary>The L4 rights of a user leaf (as SoftPageTables.Decode: read is implied by presence).</summary>
        public static byte Rights(ulong entry)
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
            return rights;
        }

        /// <summary>Index into the table of <paramref name="level"/> (3 = PML4 .. 0 = PT) for a virtual address.</summary>
        public static uint Index(ulong virtualAddress, int level) => (uint)((virtualAddress >> (12 + 9 * level)) & 0x1FF);

        /// <summary>Canonical 48-bit address: bits 63..47 all equal.</summary>
        public static bool IsCanonical(ulong virtualAddress)
        {
            ulong top = virtualAddress >> 47;
            return top == 0 || top == 0x1_FFFF;
        }
    }
}
