// Read-only walk of the active 4-level page tables (the boot identity map makes tables addressable).
namespace Verified.Hal.X64
{
    public static unsafe class PageTables
    {
        private const ulong Present = 1;
        private const ulong LargePage = 1 << 7;
        private const ulong AddressMask = 0x000F_FFFF_FFFF_F000;

        /// <summary>True when the CPU would translate <paramref name="virtualAddress"/> (present at every level).</summary>
        public static bool IsMapped(ulong virtualAddress)
        {
            ulong table = Cpu.ReadCr3() & AddressMask;
            for (int level = 3; level >= 0; level--)
            {
                int index = (int)((virtualAddress >> (12 + 9 * level)) & 0x1FF);
                ulong entry = ((ulong*)table)[index];
                if ((entry & Present) == 0)
                {
                    return false;
                }

                // 1 GiB (level 2) and 2 MiB (level 1) pages end the walk early.
                if (level is 1 or 2 && (entry & LargePage) != 0)
                {
                    return true;
                }

                table = entry & AddressMask;
            }

            return true;
        }
    }
}
