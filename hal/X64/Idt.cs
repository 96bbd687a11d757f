// The Interrupt Descriptor Table: every CPU exception (vectors 0-31) reports on COM1 and panics.
using System.Runtime;
using Verified.Boot.Runtime;

namespace Verified.Hal.X64
{
    public static unsafe class Idt
    {
        private const int ExceptionVectors = 32;
        private const int VectorCount = 256;
        private const byte InterruptGate = 0x8E; // present, DPL 0, 64-bit interrupt gate
        private const int DoubleFault = 8;

        private static IdtTable s_table;

        /// <summary>Replaces the early IDT of boot/X64/Multiboot.S with the kernel's own table.</summary>
        public static void Initialize()
        {
            ulong* stubs = KernelSymbols.IsrStubTable();
            for (int vector = 0; vector < ExceptionVectors; vector++)
            {
                byte ist = vector == DoubleFault ? Tss.DoubleFaultIst : (byte)0;
                SetGate(vector, stubs[vector], ist);
            }

            DescriptorTablePointer pointer;
            fixed (ulong* entries = s_table.Words)
            {
                pointer.Base = (ulong)entries;
            }

            pointer.Limit = VectorCount * 16 - 1;
            Cpu.LoadIdt(&pointer);
        }

        /// <summary>Installs a device-interrupt entry (ring 0 only, no IST: they arrive on the current stack).</summary>
        public static void SetInterruptGate(int vector, ulong handler) => SetGate(vector, handler, 0);

        // Gate layout (Intel SDM vol. 3, 6.14.1): offset 15:0, selector, IST, type, offset 31:16,
        // offset 63:32, reserved.
        private static void SetGate(int vector, ulong handler, byte ist)
        {
            ulong low = handler & 0xFFFF;
            low |= (ulong)Gdt.KernelCode << 16;
            low |= (ulong)ist << 32;
            low |= (ulong)InterruptGate << 40;
            low |= ((handler >> 16) & 0xFFFF) << 48;
            s_table.Words[vector * 2] = low;
            s_table.Words[vector * 2 + 1] = handler >> 32;
        }

        // Called by every exception stub with the saved registers. An exception in ring 3 is the user program's:
        // the kernel's handler deals with it (it may leave for good, or return to resume whatever thread is current
        // then). One in ring 0 is a kernel bug: report and panic.
        [RuntimeExport("ExceptionDispatch")]
        private static void Dispatch(InterruptFrame* frame)
        {
            if ((frame->Cs & 3) == 3 && InterruptRouter.UserExceptionHandler != null)
            {
                InterruptRouter.UserExceptionHandler(frame);
                return;
            }

            Serial.Write('\n');
            ExceptionReport.Write("exception", frame);
            Panic.Halt("unhandled CPU exception");
        }

        private struct IdtTable
        {
            public fixed ulong Words[VectorCount * 2];
        }
    }
}
