// ErrCanceled in the remaining waiting states: a closed receiver and an infinite Sleep (receive phase, bit 24), a
// notification waiter (a one-phase call: no bit 24, no bits), a Call still in its send phase (no bit 24); a canceled
// sender leaves the queue, so the next sender is the one received; canceling a running thread (the caller itself)
// changes nothing and reports it Running.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class CancelEachStateScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Signal = 4, ClosedReceiver = 5, Sleeper = 6, SignalWaiter = 7, Caller = 8,
            FirstSender = 9, SecondSender = 10;
        private static ulong s_closed, s_slept, s_signal, s_bits, s_call, s_first, s_second;

        public CancelEachStateScenario() : base("cancel-each-state")
        {
        }

        public override void Run(Check check)
        {
            s_closed = s_slept = s_signal = s_bits = s_call = s_first = s_second = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.CreateNotification(check, Signal))
            {
                return;
            }
            ulong state;
            check.Equal(ResultWord.Ok, Threads.Cancel(Layout.MainThreadSlot, out state), "cancel the running caller itself");
            check.Equal(ThreadStates.Running, state, "its state");
            Cancel(check, ClosedReceiver, 1, &ReceiveFromMain, ThreadStates.RecvClosed);
            Cancel(check, Sleeper, 2, &SleepForever, ThreadStates.Sleeping);
            Cancel(check, SignalWaiter, 3, &WaitForSignal, ThreadStates.RecvBlocked);
            Cancel(check, Caller, 4, &Call, ThreadStates.CallBlocked);
            if (Workers.Start(check, FirstSender, 5, &SendFirst, 0) && Workers.WaitForState(check, FirstSender, ThreadStates.SendBlocked)
                && Workers.Start(check, SecondSender, 6, &SendSecond, 0) && Workers.WaitForState(check, SecondSender, ThreadStates.SendBlocked)
                && check.Equal(ResultWord.Ok, Threads.Cancel(FirstSender, out state), "cancel the first of two queued senders"))
            {
                IpcResult received = Ipc.Wait(Endpoint);
                check.Equal(ResultWord.Ok, received.Result, "wait");
                check.Equal(0xB, received.Label, "the second sender's message");
            }
            if (Workers.Join(check, Done, 0x3F))
            {
                check.Equal(Errors.Canceled | ResultWord.ReceivePhaseBit, s_closed, "closed receiver");
                check.Equal(Errors.Canceled | ResultWord.ReceivePhaseBit, s_slept, "infinite sleep");
                check.Equal(Errors.Canceled, s_signal, "notification waiter");
                check.Equal(0, s_bits, "its bits");
                check.Equal(Errors.Canceled, s_call, "caller in its send phase");
                check.Equal(Errors.Canceled, s_first, "the canceled sender");
                check.Equal(ResultWord.Ok, s_second, "the sender received");
            }
            Workers.Delete(check, new uint[] { ClosedReceiver, Sleeper, SignalWaiter, Caller, FirstSender, SecondSender, Endpoint, Done, Signal });
        }

        private static void Cancel(Check check, uint slot, uint utcbSlot, delegate*<ulong, void> entry, ulong waitingState)
        {
            ulong state;
            if (Workers.Start(check, slot, utcbSlot, entry, 0) && Workers.WaitForState(check, slot, waitingState))
            {
                check.Equal(ResultWord.Ok, Threads.Cancel(slot, out state), "cancel");
                check.Equal(waitingState, state, "the state the cancel found");
            }
        }

        private static void ReceiveFromMain(ulong argument)
        {
            s_closed = Ipc.Receive(Layout.MainThreadSlot).Result;
            Notifications.Notify(Done, 1);
        }

        private static void SleepForever(ulong argument)
        {
            s_slept = Ipc.Sleep(Timeout.Never).Result;
            Notifications.Notify(Done, 2);
        }

        private static void WaitForSignal(ulong argument)
        {
            s_signal = Notifications.Wait(Signal, Timeout.Never, out s_bits);
            Notifications.Notify(Done, 4);
        }

        private static void Call(ulong argument)
        {
            s_call = Ipc.Call(Endpoint, 1, new ulong[] { 2, 3 }).Result;
            Notifications.Notify(Done, 8);
        }

        private static void SendFirst(ulong argument)
        {
            s_first = Ipc.Send(Endpoint, 0xA, new ulong[] { 1 }).Result;
            Notifications.Notify(Done, 16);
        }

        private static void SendSecond(ulong argument)
        {
            s_second = Ipc.Send(Endpoint, 0xB, new ulong[] { 2 }).Result;
            Notifications.Notify(Done, 32);
        }
    }
}
