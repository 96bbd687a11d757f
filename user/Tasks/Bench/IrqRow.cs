// An interrupt delivered to its user-level handler: COM1's transmitter-empty interrupt, which the UART raises as soon
// as it is enabled while its transmit register is empty (always, here: the kernel's console output is polled and
// finished). A thread below the task's priority reads the counter and enables the interrupt; the kernel masks line 4
// and signals the handler's notification; the handler, at the task's priority, runs at once and reads the counter
// just after its NotifyWait returned. Untimed, it then disables the interrupt and acknowledges (unmasks) the line.
// Attaching line 4 gives this task COM1's ports (kernel/Machine/LegacyPorts.cs).
using System.Runtime;
using System.Runtime.CompilerServices;
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static unsafe class IrqRow
    {
        private const ulong Com1Line = 4;
        private const ushort InterruptEnable = 0x3F9, ModemControl = 0x3FC;
        private const byte TransmitterEmpty = 2, Out2 = 8;

        private static ulong s_enabled;
        private static ulong s_sample;
        private static ulong s_arrivals;

        /// <summary>Creates and attaches the IRQ object (the handler thread is started after); 0 or the refusal.</summary>
        public static ulong Attach()
        {
            ulong result = Irq.Create(Slots.Irq, Com1Line, Slots.Task);
            result = result != 0 ? result : Irq.Attach(Slots.Irq, Slots.IrqSignal, 1);
            return result != 0 ? result : Irq.Acknowledge(Slots.Irq);
        }

        public static void Handler(ulong unused)
        {
            // OUT2 gates the UART's interrupt onto the ISA line on PCs.
            Out(ModemControl, (byte)(In(ModemControl) | Out2));
            while (true)
            {
                ulong result = BenchCalls.NotifyWait(Slots.IrqSignal);
                Arrived(result, BenchCalls.Rdtsc());
            }
        }

        // Where an operation ends, just after the counter read: `bench --profile` counts each from RaiseOnce up to here.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Arrived(ulong result, ulong now)
        {
            s_sample = result == 0 ? now - s_enabled : Sampler.Failed;
            Out(InterruptEnable, 0);
            Irq.Acknowledge(Slots.Irq);
            s_arrivals++;
        }

        /// <summary>Run by the lower-priority thread (PreemptionRow.Sender).</summary>
        public static void Run() => Sampler.Sample("IRQ to user handler (COM1 transmitter empty)", &RaiseOnce, null);

        // The handler must have run before the thread got the processor back: otherwise nothing was delivered.
        private static ulong RaiseOnce()
        {
            ulong before = s_arrivals;
            s_enabled = BenchCalls.Rdtsc();
            Out(InterruptEnable, TransmitterEmpty);
            return s_arrivals == before + 1 ? s_sample : Sampler.Failed;
        }

        [RuntimeImport("*", "user_port_in")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern byte In(ushort port);

        [RuntimeImport("*", "user_port_out")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void Out(ushort port, byte value);
    }
}
