// The local APIC and its timer. Chosen over the PIT/HPET because it is per CPU (each CPU gets its own tick when
// SMP comes) and needs no I/O APIC routing. Registers are memory-mapped at the address IA32_APIC_BASE names
// (identity-mapped by the boot page tables).
namespace Verified.Hal.X64
{
    public static unsafe class Lapic
    {
        public const byte TimerVector = 48;
        public const byte SpuriousVector = 255;

        private const uint ApicBaseMsr = 0x1B;
        private const ulong ApicGlobalEnable = 1UL << 11;
        private const int SpuriousRegister = 0xF0, EoiRegister = 0xB0, TimerLvt = 0x320;
        private const int TimerInitialCount = 0x380, TimerCurrentCount = 0x390, TimerDivide = 0x3E0;
        private const uint SoftwareEnable = 1u << 8, Periodic = 1u << 17, Masked = 1u << 16;
        private const uint DivideBy16 = 0x3;

        private static byte* s_base;

        public static ulong BaseAddress => (ulong)s_base;

        public static void Initialize()
        {
            ulong msr = Cpu.ReadMsr(ApicBaseMsr) | ApicGlobalEnable;
            Cpu.WriteMsr(ApicBaseMsr, msr);
            s_base = (byte*)(msr & 0xFFFF_FFFF_F000UL);
            Write(SpuriousRegister, SoftwareEnable | SpuriousVector);
            Write(TimerLvt, Masked | TimerVector);
        }

        /// <summary>Periodic interrupts every <paramref name="count"/> timer units (bus clock / 16).</summary>
        public static void StartPeriodicTimer(uint count)
        {
            Write(TimerDivide, DivideBy16);
            Write(TimerLvt, Periodic | TimerVector);
            Write(TimerInitialCount, count);
        }

        public static void StopTimer()
        {
            Write(TimerLvt, Masked | TimerVector);
            Write(TimerInitialCount, 0);
        }

        public static uint CurrentCount => Read(TimerCurrentCount);

        public static void EndOfInterrupt() => Write(EoiRegister, 0);

        private static void Write(int register, uint value) => Cpu.MmioWrite32(s_base + register, value);

        private static uint Read(int register) => Cpu.MmioRead32(s_base + register);
    }
}
