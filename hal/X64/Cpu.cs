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

        /// <summary>Copies <paramref name="count"/> bytes from <paramref name="from"/> to <paramref name="to"/>, first to
        /// last (REP MOVSQ, then REP MOVSB for the rest), or from the end when the areas overlap with
        /// <paramref name="to"/> above: memmove.</summary>
        [RuntimeImport("*", "cpu_copy_bytes")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void CopyBytes(byte* to, byte* from, ulong count);

        /// <summary>Copies <paramref name="count"/> words from <paramref name="from"/> to <paramref name="to"/>, first to
        /// last (REP MOVSQ): the areas must not overlap unless <paramref name="to"/> lies below.</summary>
        [RuntimeImport("*", "cpu_copy_words")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void CopyWords(ulong* to, ulong* from, ulong count);

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

        [RuntimeImport("*", "cpu_rdmsr")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong ReadMsr(uint msr);

        [RuntimeImport("*", "cpu_wrmsr")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void WriteMsr(uint msr, ulong value);

        [RuntimeImport("*", "cpu_read_cr4")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong ReadCr4();

        [RuntimeImport("*", "cpu_write_cr4")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void WriteCr4(ulong value);

        /// <summary>The EBX register CPUID returns for a leaf and subleaf (feature flags of leaf 7).</summary>
        [RuntimeImport("*", "cpu_cpuid_ebx")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern uint CpuidEbx(uint leaf, uint subleaf);

        /// <summary>Device register access: a real 32-bit load the compiler cannot merge, hoist or drop.</summary>
        [RuntimeImport("*", "cpu_mmio_read32")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern uint MmioRead32(void* address);

        [RuntimeImport("*", "cpu_mmio_write32")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void MmioWrite32(void* address, uint value);

        /// <summary>Enables interrupts, halts until one has been handled, disables them again.</summary>
        [RuntimeImport("*", "cpu_wait_for_interrupt")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void WaitForInterrupt();

        /// <summary>Loads CR3 (bit 63 set: keep the TLB entries of the PCID in bits 0-11).</summary>
        [RuntimeImport("*", "cpu_write_cr3")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void WriteCr3(ulong value);

        /// <summary>The ECX register CPUID returns for a leaf and subleaf (feature flags of leaf 1).</summary>
        [RuntimeImport("*", "cpu_cpuid_ecx")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern uint CpuidEcx(uint leaf, uint subleaf);

        /// <summary>Drops the TLB entry of the page holding <paramref name="address"/> (after a leaf changed).</summary>
        [RuntimeImport("*", "cpu_invlpg")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void InvalidatePage(ulong address);

        /// <summary>Enables interrupts for one instruction: an interrupt already pending is handled, then they are
        /// off again (the kernel's preemption point between two chunks of a long transfer).</summary>
        [RuntimeImport("*", "cpu_interrupt_window")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void InterruptWindow();
    }
}
