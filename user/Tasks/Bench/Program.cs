// The IPC benchmark task (issue 9), loaded and paged in by the root task in the bench image (`./verified bench`,
// QEMU -icount: the counter counts guest instructions). It makes its servers (threads of its own, and threads of a
// server task it creates: ServerTask.cs), measures each row with sel4bench's method (Sampler.cs) and prints
// "bench: NAME = N instructions" per row, then reports rows measured and rows failed to the root task.
using Verified.User.Bench;
using Verified.User.Library;

namespace Verified.User
{
    internal static unsafe class Program
    {
        private const ulong ReportLabel = 1;
        private const uint LowerPriority = 15;   // below the task's own (the root task's, 16)

        public static int Main()
        {
            ulong setup = MakeObjects();
            setup = setup != 0 ? setup : StartServers();
            if (setup != 0)
            {
                Report.Note(string.Concat("setup refused: ", Text.Hex(setup)));
                Ipc.Call(Slots.Service, ReportLabel, new ulong[] { 0, 1 });
                return 1;
            }
            Sampler.Calibrate();
            RoundTrips.NullSyscall();
            RoundTrips.FullEntry();
            Rows("same-AS", Slots.SameEndpoint, Slots.SameStampEndpoint);
            Rows("cross-AS", Slots.CrossEndpoint, Slots.CrossStampEndpoint);
            AssemblyRow.Run(Slots.AsmEndpoint);
            bool mapped = ItemRows.Run(Slots.FirstThread + 12, Slots.FirstUtcb + 12);
            ulong receive = ReceiveRows.Run(Slots.FirstThread + 14, Slots.FirstUtcb + 14);
            if (receive != 0)
            {
                Report.Note(string.Concat("wait row's sender refused: ", Text.Hex(receive)));
            }
            ulong loaded = LoadedServerRow.Run(Slots.FirstThread + 15, Slots.FirstUtcb + 15);
            if (loaded != 0)
            {
                Report.Note(string.Concat("loaded-server row refused: ", Text.Hex(loaded)));
            }
            ulong fault = FaultRow.Run(Slots.FirstThread + 13, Slots.FirstUtcb + 13);
            if (fault != 0)
            {
                Report.Note(string.Concat("page-fault row refused: ", Text.Hex(fault)));
            }
            SignalRows.Run();
            ulong irq = StartIrqHandler();
            if (irq != 0)
            {
                Report.Note(string.Concat("interrupt handler refused: ", Text.Hex(irq)));
            }
            ulong low = Machine.StartThreadAt(Slots.FirstThread + 7, Slots.FirstUtcb + 7, LowerPriority, &PreemptionRow.Sender, 0);
            ulong done = low == 0 ? BenchCalls.NotifyWait(Slots.Done) : low;
            int failed = Sampler.Failures + (done != 0 ? 1 : 0) + (mapped ? 0 : 1) + (irq != 0 ? 1 : 0) + (fault != 0 ? 1 : 0)
                + (receive != 0 ? 1 : 0) + (loaded != 0 ? 1 : 0);
            Report.Note(string.Concat(Sampler.Rows.ToString(), " rows measured, ", failed.ToString(), " failed"));
            Ipc.Call(Slots.Service, ReportLabel, new ulong[] { (ulong)Sampler.Rows, (ulong)failed });
            return failed == 0 ? 0 : 1;
        }

        // 63 words: the most a message holds (MR1..MR63; "64 words" counts the tag too), MR9..MR63 through both UTCBs.
        private static void Rows(string space, uint endpoint, uint stampingEndpoint)
        {
            RoundTrips.RoundTrip(space, endpoint, 0);
            RoundTrips.RoundTrip(space, endpoint, 8);
            RoundTrips.RoundTrip(space, endpoint, 63);
            RoundTrips.Halves(space, stampingEndpoint, 0);
            RoundTrips.Halves(space, stampingEndpoint, 8);
        }

        // Endpoints and notifications in the bench task, paid by it; 0 or the first refusal.
        private static ulong MakeObjects()
        {
            ulong result = 0;
            for (uint slot = Slots.SameEndpoint; slot <= Slots.PreemptEndpoint && result == 0; slot++)
            {
                result = Objects.CreateEndpoint(slot, Slots.Task);
            }
            result = result != 0 ? result : Objects.CreateEndpoint(Slots.WaitEndpoint, Slots.Task);
            result = result != 0 ? result : Objects.CreateEndpoint(Slots.LoadEndpoint, Slots.Task);
            result = result != 0 ? result : Objects.CreateEndpoint(Slots.AsmEndpoint, Slots.Task);
            result = result != 0 ? result : Objects.CreateNotification(Slots.LoadDone, Slots.Task);
            for (uint slot = Slots.Ping; slot <= Slots.FaultDone && result == 0; slot++)
            {
                result = Objects.CreateNotification(slot, Slots.Task);
            }
            return result;
        }

        // The servers and partners, started (each waits for its first message once it has run).
        private static ulong StartServers()
        {
            uint t = Slots.FirstThread, u = Slots.FirstUtcb;
            ulong result = Machine.StartThread(t, u, &Servers.Plain, Slots.SameEndpoint);
            result = result != 0 ? result : Machine.StartThread(t + 1, u + 1, &Servers.Stamped, Slots.SameStampEndpoint);
            result = result != 0 ? result : Machine.StartThread(t + 2, u + 2, &SignalRows.Partner, 0);
            result = result != 0 ? result : Machine.StartThread(t + 3, u + 3, &PreemptionRow.Receiver, 0);
            result = result != 0 ? result : ServerTask.Create(t + 4, u + 4);
            result = result != 0 ? result : ServerTask.Give(Slots.CrossEndpoint);
            result = result != 0 ? result : ServerTask.Give(Slots.CrossStampEndpoint);
            result = result != 0 ? result : ServerTask.Give(Slots.ItemEndpoint);
            result = result != 0 ? result : ServerTask.Give(Slots.FaultDone);
            result = result != 0 ? result : ServerTask.Give(Slots.WaitEndpoint);
            result = result != 0 ? result : ServerTask.Give(Slots.LoadEndpoint);
            result = result != 0 ? result : ServerTask.Give(Slots.LoadDone);
            result = result != 0 ? result : ServerTask.Give(Slots.AsmEndpoint);
            result = result != 0 ? result : ServerTask.StartThread(t + 5, u + 5, &Servers.Plain, Slots.CrossEndpoint);
            result = result != 0 ? result : ServerTask.StartThread(t + 6, u + 6, &Servers.Stamped, Slots.CrossStampEndpoint);
            result = result != 0 ? result : ServerTask.StartThread(t + 8, u + 8, &Servers.Items, Slots.ItemEndpoint);
            result = result != 0 ? result : ServerTask.StartThread(t + 9, u + 9, &AssemblyRow.Server, Slots.AsmEndpoint);
            return result;
        }

        // The interrupt row's IRQ object, attachment and handler, made just before that row: a task that drives a
        // device gets its ports at every switch to it, which the IPC rows would otherwise pay too.
        private static ulong StartIrqHandler()
        {
            ulong result = Objects.CreateNotification(Slots.IrqSignal, Slots.Task);
            result = result != 0 ? result : IrqRow.Attach();
            return result != 0 ? result : Machine.StartThread(Slots.FirstThread + 11, Slots.FirstUtcb + 11, &IrqRow.Handler, 0);
        }
    }
}
