// Process-context identifiers: with CR4.PCIDE each task's address space tags its TLB entries with its own PCID (task
// id + 1; 0 is the kernel's boot space), so switching address spaces keeps the other tasks' translations instead of
// flushing them all. A leaf that changes while its task is not loaded marks the task stale, and its next load
// flushes that PCID (CR3 written without the no-flush bit).
namespace Verified.Hal.X64
{
    public static class ProcessContextIds
    {
        private const uint PcidBit = 1u << 17;            // CPUID.01H:ECX
        private const ulong Cr4Pcide = 1UL << 17;
        public const ulong NoFlush = 1UL << 63;

        public static bool Enabled { get; private set; }

        /// <summary>Turns PCIDs on when the CPU has them; the loaded CR3 must have PCID 0 (the boot space).</summary>
        public static void Enable()
        {
            if ((Cpu.CpuidEcx(1, 0) & PcidBit) != 0 && (Cpu.ReadCr3() & 0xFFF) == 0)
            {
                Cpu.WriteCr4(Cpu.ReadCr4() | Cr4Pcide);
                Enabled = true;
            }
        }
    }
}
