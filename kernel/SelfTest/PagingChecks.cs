// The boot page tables: page 0 and the stack guard page unmapped (faults instead of silent
// corruption), the kernel image and the whole heap mapped.
using Verified.Boot.Runtime;
using Verified.Hal.X64;

namespace Verified.Kernel.SelfTest
{
    internal sealed class PageZeroUnmappedCheck : SelfCheck
    {
        public override string Name => "page 0 and stack guard unmapped, kernel and heap mapped";

        public override unsafe string? Run()
        {
            if (PageTables.IsMapped(0) || PageTables.IsMapped(0xFFF))
            {
                return "page 0 is mapped";
            }

            if (PageTables.IsMapped((ulong)KernelSymbols.StackGuard()))
            {
                return "the stack guard page is mapped";
            }

            if (!PageTables.IsMapped(0x1000) || !PageTables.IsMapped(0x100000))
            {
                return "low memory or the kernel image is not mapped";
            }

            bool heapMapped = PageTables.IsMapped(PhysicalMemory.RegionStart) && PageTables.IsMapped(PhysicalMemory.RegionEnd - 1);
            return heapMapped ? null : "the heap is not mapped";
        }
    }
}
