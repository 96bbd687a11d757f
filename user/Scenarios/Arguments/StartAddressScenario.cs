// A start address outside the lower canonical half is ErrInvalidArgument: ExchangeRegisters setting a rip of 2^47
// (the kernel could never resume there), and Create (thread) with such a stack pointer; neither touches the target,
// which still waits where it was.
using Verified.User.Library;

namespace Verified.User.Scenarios.Arguments
{
    public sealed unsafe class StartAddressScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Target = 4, Refused = 5;
        private const ulong FirstNonCanonical = 0x0000_8000_0000_0000;
        private static ulong s_wait;

        public StartAddressScenario() : base("start-address-bad")
        {
        }

        public override void Run(Check check)
        {
            s_wait = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            if (Workers.Start(check, Target, 1, &Wait, 0) && Workers.WaitForState(check, Target, ThreadStates.RecvBlocked))
            {
                ulong state;
                check.Equal(Errors.InvalidArgument, Threads.Exchange(Target, Threads.ControlSetRip, FirstNonCanonical, 0, out state),
                    "set a rip of 2^47");
                SyscallRegisters r;
                check.Equal(Errors.InvalidArgument,
                    Syscall.Invoke(SyscallNumbers.Create, Objects.TypeThread, Refused, Objects.ThreadArgument(Layout.TaskSlot, 2), Layout.TaskSlot,
                        0x4080_0000, 0xFFFF_8000_0000_0000, out r),
                    "create a thread with a kernel-half stack");
                check.Equal(ThreadStates.RecvBlocked, Threads.StateOf(Target), "the target after both");
                check.Equal(ResultWord.Ok, Threads.Cancel(Target, out state), "cancel the target");
                if (Workers.Join(check, Done, 1))
                {
                    check.Equal(Errors.Canceled | ResultWord.ReceivePhaseBit, s_wait, "the canceled wait");
                }
            }
            Workers.Delete(check, new uint[] { Target, Endpoint, Done });
        }

        private static void Wait(ulong argument)
        {
            s_wait = Ipc.Wait(Endpoint).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
