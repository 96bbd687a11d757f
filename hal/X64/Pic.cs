// Legacy 8259 PICs: remapped off the exception vectors (to 32-47) and masked. The LAPIC drives the timer; the PIC
// lines stay masked until IRQ objects route devices, and only its spurious interrupts can still arrive.
namespace Verified.Hal.X64
{
    public static class Pic
    {
        public const byte VectorBase = 32;
        private const ushort MasterCommand = 0x20, MasterData = 0x21, SlaveCommand = 0xA0, SlaveData = 0xA1;
        private const byte Icw1Init = 0x11, Icw4Mode8086 = 0x01, EndOfInterrupt = 0x20;

        public static void RemapAndMaskAll()
        {
            Cpu.OutByte(MasterCommand, Icw1Init);
            Cpu.OutByte(SlaveCommand, Icw1Init);
            Cpu.OutByte(MasterData, VectorBase);
            Cpu.OutByte(SlaveData, VectorBase + 8);
            Cpu.OutByte(MasterData, 4); // slave on line 2
            Cpu.OutByte(SlaveData, 2);
            Cpu.OutByte(MasterData, Icw4Mode8086);
            Cpu.OutByte(SlaveData, Icw4Mode8086);
            Cpu.OutByte(MasterData, 0xFF);
            Cpu.OutByte(SlaveData, 0xFF);
        }

        /// <summary>A spurious IRQ 15 still needs an EOI at the master (the cascade line was real).</summary>
        public static void AcknowledgeSpurious(ulong vector)
        {
            if (vector == VectorBase + 15)
            {
                Cpu.OutByte(MasterCommand, EndOfInterrupt);
            }
        }
    }
}
