// Device interrupts (vectors 32-48, 255): acknowledged here, then handed to the kernel's handlers, which the
// kernel installs as function pointers so the HAL does not depend on it.
using System.Runtime;

namespace Verified.Hal.X64
{
    public static unsafe class InterruptRouter
    {
        private const int FirstIrqVector = 32, IrqStubCount = 17;

        /// <summary>Called on every LAPIC timer tick, after the EOI; may leave for good (user_return).</summary>
        public static delegate*<InterruptFrame*, void> TimerHandler;

        /// <summary>Called for a CPU exception raised in ring 3: leaves for good, or returns to resume the current
        /// context.</summary>
        public static delegate*<InterruptFrame*, void> UserExceptionHandler;

        /// <summary>Called for an interrupt of legacy PIC line 0..15 (not spurious), before its EOI.</summary>
        public static delegate*<InterruptFrame*, uint, void> DeviceHandler;

        /// <summary>Spurious and unexpected interrupts seen (nothing routes PIC lines yet).</summary>
        public static ulong Spurious { get; private set; }

        public static void Initialize()
        {
            ulong* stubs = KernelSymbols.IrqStubTable();
            for (int i = 0; i < IrqStubCount; i++)
            {
                Idt.SetInterruptGate(FirstIrqVector + i, stubs[i]);
            }
            Idt.SetInterruptGate(Lapic.SpuriousVector, stubs[IrqStubCount]);
        }

        [RuntimeExport("InterruptDispatch")]
        private static void Dispatch(InterruptFrame* frame)
        {
            if (frame->Vector == Lapic.TimerVector)
            {
                // Acknowledge first: the handler may never return here.
                Lapic.EndOfInterrupt();
                if (TimerHandler != null)
                {
                    TimerHandler(frame);
                }
                return;
            }
            if (DeviceHandler != null && frame->Vector >= Pic.VectorBase && frame->Vector < Pic.VectorBase + 16
                && !Pic.IsSpurious(frame->Vector))
            {
                DeviceHandler(frame, (uint)(frame->Vector - Pic.VectorBase));
                return;
            }
            // LAPIC spurious interrupts take no EOI; spurious PIC ones only at the master for line 15.
            Pic.AcknowledgeSpurious(frame->Vector);
            Spurious++;
        }
    }
}
