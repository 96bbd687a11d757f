// Supervisor-mode execution and access prevention: with SMEP the kernel can never execute user pages, with SMAP it
// faults on any user-page access it did not announce (stac/clac around user copies). Enabled when the CPU has them.
namespace Verified.Hal.X64
{
    public static class CpuProtection
    {
        private const uint SmepBit = 1u << 7, SmapBit = 1u << 20;         // CPUID.(EAX=7,ECX=0):EBX
        private const ulong Cr4Smep = 1UL << 20, Cr4Smap = 1UL << 21;

        public static bool Smep { get; private set; }

        public static bool Smap { get; private set; }

        public static void Enable()
        {
            uint features = Cpu.CpuidEbx(7, 0);
            Smep = (features & SmepBit) != 0;
            Smap = (features & SmapBit) != 0;
            ulong cr4 = Cpu.ReadCr4();
            if (Smep)
            {
                cr4 |= Cr4Smep;
            }
            if (Smap)
            {
                cr4 |= Cr4Smap;
            }
            Cpu.WriteCr4(cr4);
        }
    }
}
