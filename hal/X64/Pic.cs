// Legacy 8259 PICs: remapped off the exception vectors (to 32-47) and masked. The LAPIC drives the timer; the PIC
// lines stay masked until IRQ objects route devices, and only its spurious interrupts can still arrive.
using System.Runtime.CompilerServices;

namespace Verified.Hal.X64
{
    public static class Pic
    {
        public const byte VectorBase = 32;
        private const ushort MasterCommand = 0x20, MasterData = 0x21, SlaveCommand = 0xA0, SlaveData = 0xA1;
        private const byte Icw1Init = 0x11, Icw4Mode8086 = 0x01, Eoi = 0x20, ReadInService = 0x0B;

        // What the two mask registers hold. Only this class writes them (RemapAndMaskAll first), so a mask change
        // needs no read of the register.
        private static byte s_masterMask, s_slaveMask;

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
            s_masterMask = 0xFF;
            s_slaveMask = 0xFF;
            Cpu.OutByte(MasterData, s_masterMask);
            Cpu.OutByte(SlaveData, s_slaveMask);
        }

        /// <summary>Keeps line <paramref name="line"/> (0..15) from interrupting; a raise stays pending in the PIC.</summary>
        public static void Mask(uint line) => SetMask(line, true);

        public static void Unmask(uint line) => SetMask(line, false);

        /// <summary>End of interrupt for a device line: the slave too for lines 8..15.</summary>
        public static void EndOfInterrupt(uint line)
        {
            if (line >= 8)
            {
                Cpu.OutByte(SlaveCommand, Eoi);
            }
            Cpu.OutByte(MasterCommand, Eoi);
        }

        private static void SetMask(uint line, bool masked)
        {
            if (line >= 16)
            {
                return;
            }
            byte bit = (byte)(1 << (int)(line & 7));
            if (line < 8)
            {
                s_masterMask = masked ? (byte)(s_masterMask | bit) : (byte)(s_masterMask & ~bit);
                Cpu.OutByte(MasterData, s_masterMask);
                return;
            }
            s_slaveMask = masked ? (byte)(s_slaveMask | bit) : (byte)(s_slaveMask & ~bit);
            Cpu.OutByte(SlaveData, s_slaveMask);
            if (!masked)
            {
                // The slave reaches the CPU through the master's line 2.
                s_masterMask = (byte)(s_masterMask & ~(1 << 2));
                Cpu.OutByte(MasterData, s_masterMask);
            }
        }

        /// <summary>Lines 7 and 15 also signal spurious interrupts: real only when the PIC's in-service bit is set.
        /// Inlined: every other line (the common case) costs its caller two comparisons.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool IsSpurious(ulong vector) =>
            (vector == VectorBase + 7 || vector == VectorBase + 15) && NotInService(vector);

        private static bool NotInService(ulong vector)
        {
            ushort command = vector == VectorBase + 7 ? MasterCommand : SlaveCommand;
            Cpu.OutByte(command, ReadInService);
            return (Cpu.InByte(command) & 0x80) == 0;
        }

        /// <summary>A spurious IRQ 15 still needs an EOI at the master (the cascade line was real).</summary>
        public static void AcknowledgeSpurious(ulong vector)
        {
            if (vector == VectorBase + 15)
            {
                Cpu.OutByte(MasterCommand, Eoi);
            }
        }
    }
}
