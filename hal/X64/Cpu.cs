// CPU instructions without a C# equivalent: port I/O, control registers, descriptor tables, halt.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Verified.Hal.X64
{
    // Each is a few instructions in boot/X64/Cpu.S; [RuntimeImport] makes ILC emit a direct call.
    public static unsafe class Cpu
    {
        [RuntimeImport("*", "cpu_outb")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void OutByte(ushort port, byte value);

        [RuntimeImport("*", "cpu_inb")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte InByte(ushort port);

        [RuntimeImport("*", "cpu_read_cr2")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong ReadCr2();

        [RuntimeImport("*", "cpu_read_cr3")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong ReadCr3();

        /// <summary>Disables interrupts and halts forever.</summary>
        [RuntimeImport("*", "cpu_halt")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void HaltForever();

        [RuntimeImport("*", "cpu_lidt")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void LoadIdt(DescriptorTablePointer* pointer);

        /// <summary>Loads the GDT and reloads cs (far return) and the data segment registers.</summary>
        [RuntimeImport("*", "cpu_lgdt")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void LoadGdt(DescriptorTablePointer* pointer, ushort codeSelector, ushort dataSelector);

        [RuntimeImport("*", "cpu_ltr")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void LoadTaskRegister(ushort selector);
    }
}
