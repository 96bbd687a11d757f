// Bad words of ThreadControl and ExchangeRegisters fail with their code and apply nothing: ThreadControl's priority
// bit (not supported), unknown operation bits, wrong handler objects and rights, slots out of range or of the wrong
// type; ExchangeRegisters' reserved control bits and wrong slots. The target thread lives on.
using Verified.User.Library;

namespace Verified.User.Scenarios.Arguments
{
    public sealed unsafe class ThreadArgumentScenario : Scenario
    {
        private const uint Endpoint = 2, Notification = 3, ReadOnlyEndpoint = 4, ReadOnlyThread = 5, Target = 6, Hold = 7, Empty = 30;
        private const ulong Both = ThreadControl.SetPager | ThreadControl.SetExceptionHandler;

        public ThreadArgumentScenario() : base("thread-bad-arguments")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Notification)
                || !Workers.CreateNotification(check, Hold)
                || !check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, ReadOnlyEndpoint, Capabilities.RightRead), "read-only endpoint")
                || !Workers.Start(check, Target, 1, &Hang, 0)
                || !check.Equal(ResultWord.Ok, Capabilities.Copy(Target, ReadOnlyThread, Capabilities.RightRead), "read-only thread"))
            {
                return;
            }
            check.Equal(Errors.InvalidArgument, ThreadControl.Invoke(Target, ThreadControl.SetPriority, 3, 0, 0), "set priority");
            check.Equal(Errors.InvalidArgument, ThreadControl.Invoke(Target, ThreadControl.SetPriority | ThreadControl.SetPager, 3, Endpoint, 0),
                "set priority and pager");
            check.Equal(Errors.InvalidArgument, ThreadControl.Invoke(Target, 16 | ThreadControl.Delete, 0, 0, 0), "operation bit 4");
            check.Equal(Errors.WrongObject, ThreadControl.Invoke(Target, Both | ThreadControl.Delete, 0, Endpoint, Notification),
                "a notification as exception handler");
            check.Equal(Errors.CapsEmptySlot, ThreadControl.Invoke(Target, Both, 0, Empty, Endpoint), "an empty pager slot");
            check.Equal(Errors.CapsInvalidArgument, ThreadControl.Invoke(Target, Both, 0, Endpoint, ReadOnlyEndpoint),
                "a handler without RightWrite");
            check.Equal(Errors.CapsInvalidArgument, ThreadControl.Invoke(ReadOnlyThread, Both, 0, Endpoint, Endpoint),
                "a thread capability without RightWrite");
            check.Equal(Errors.CapsInvalidArgument, ThreadControl.Invoke(Endpoint, Both, 0, Endpoint, Endpoint), "an endpoint as thread");
            check.Equal(Errors.CapsInvalidSlot, ThreadControl.Invoke(Layout.OutOfRangeSlot, ThreadControl.Delete, 0, 0, 0), "thread slot out of range");
            check.Equal(Errors.InvalidArgument, ThreadControl.Invoke(Target, Both, 0, Endpoint, 1UL << 32), "handler slot beyond 32 bits");
            ulong state;
            check.Equal(Errors.InvalidArgument, Threads.Exchange(Target, 1UL << 6, out state), "control bit 6");
            check.Equal(Errors.InvalidArgument, Threads.Exchange(Target, 1UL << 63, out state), "control bit 63");
            check.Equal(Errors.CapsEmptySlot, Threads.Exchange(Empty, Threads.ControlCancel, out state), "cancel through an empty slot");
            check.Equal(Errors.CapsInvalidSlot, Threads.Exchange(Layout.OutOfRangeSlot, Threads.ControlCancel, out state), "cancel out of range");
            check.Equal(Errors.CapsInvalidArgument, Threads.Exchange(Endpoint, Threads.ControlCancel, out state), "cancel an endpoint");
            check.Equal(Errors.CapsInvalidArgument, Threads.Exchange(ReadOnlyThread, Threads.ControlCancel, out state),
                "cancel without RightWrite");
            check.Equal(ThreadStates.RecvBlocked, WaitingState(check), "the target still waits");
            Workers.Delete(check, new uint[] { ReadOnlyThread, Target, ReadOnlyEndpoint, Endpoint, Notification, Hold });
        }

        private static ulong WaitingState(Check check) =>
            Workers.WaitForState(check, Target, ThreadStates.RecvBlocked) ? ThreadStates.RecvBlocked : Threads.StateOf(Target);

        private static void Hang(ulong argument)
        {
            ulong bits;
            Notifications.Wait(Hold, Timeout.Never, out bits);
        }
    }
}
