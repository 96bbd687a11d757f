// A thread made by Create without a start address (a machine whose threads run machine code, given rip 0) waits in
// the IPC core's Sleep without a deadline until ExchangeRegisters sets its rip: so a loader sets the pager and hands
// out capabilities before the thread's first instruction can fault. Parking uses the core's own operations (as the
// fault shadows do, FaultProxies.RetireProxy) and gives the processor back to the creator.
namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        /// <summary>True while <paramref name="thread"/> waits for its first rip.</summary>
        public bool WaitsForStart(uint thread) => thread < Threads && _threads[thread].WaitsForStart;

        private void ParkUntilStarted(uint t)
        {
            uint creator = Ipc.current;
            if (Ipc.state[t] == IpcTypes.__default.Ready)
            {
                Ipc.SwitchTo(t);
            }
            if (Ipc.current == t)
            {
                Ipc.Sleep(Abi.Timeouts.Never, _platform.Now());
                _threads[t].WaitsForStart = true;
            }
            if (creator != NoThread && creator != t && Ipc.current != creator && Ipc.state[creator] == IpcTypes.__default.Ready)
            {
                Ipc.SwitchTo(creator);
            }
        }

        /// <summary>ExchangeRegisters gave <paramref name="t"/> its rip: a thread still parked since its Create runs.</summary>
        private void Start(uint t)
        {
            if (t < Threads && _threads[t].WaitsForStart)
            {
                _threads[t].WaitsForStart = false;
                if (Ipc.state[t] == IpcTypes.__default.Sleeping)
                {
                    Ipc.Cancel(t);
                }
            }
        }
    }
}
