// An exception handler that moves the faulting thread: its reply of two words (rip, rsp) resumes the thread
// elsewhere (docs/abi.md section 7). The thread raises #UD; the handler sends it to the probe that reads kernel
// memory, and the next message is that probe's page fault.
using Verified.User.Library;
using Verified.User.Scenarios;

namespace Verified.User.Robustness
{
    internal sealed class RedirectScenario : Scenario
    {
        public RedirectScenario() : base("robust-exception-reply-moves-the-thread")
        {
        }

        public override unsafe void Run(Check check)
        {
            if (!check.Equal(ResultWord.Ok, Probes.Start(Probes.Undefined), "start the probe"))
            {
                Probes.Stop();
                return;
            }
            IpcResult fault = Ipc.Wait(Probes.Handler, Timeout.Ticks(5_000));
            if (check.Equal(ResultWord.Ok, fault.Result, "the #UD")
                && check.Equal(Probes.ExceptionLabel, fault.Label, "its label") && check.Equal(6, fault.Word(0), "its vector"))
            {
                ulong target = Probes.Address(Probes.ReadKernel);
                ulong stack = (ulong)ThreadStacks.Top(Probes.ProberUtcb);
                IpcResult next = Ipc.ReplyWait(Probes.Handler, 0, new ulong[] { target, stack }, Timeout.Ticks(5_000));
                if (check.Equal(ResultWord.Ok, next.Result, "the fault after the move")
                    && check.Equal(Probes.PageFaultLabel, next.Label, "its label"))
                {
                    check.Equal(Probes.KernelCode, next.Word(0), "the address the moved thread read");
                    check.Equal(target, next.Word(2), "its rip: the probe it was moved to");
                }
            }
            Probes.Stop();
        }
    }
}
