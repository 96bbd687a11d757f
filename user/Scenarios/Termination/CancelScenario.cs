// Termination case ErrCanceled in each waiting state: a blocked Send (send phase), an open Wait (receive phase,
// bit 24) and a Call waiting for its reply (receive phase; the server's Reply then has no partner). The cancel
// reports the state it found.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class CancelScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Sender = 4, Waiter = 5, Caller = 6;
        private static ulong s_send, s_wait, s_call;

        public CancelScenario() : base("cancel")
        {
        }

        public override void Run(Check check)
        {
            s_send = s_wait = s_call = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            ulong state;
            if (Workers.Start(check, Sender, 1, &Send, 0) && Workers.WaitForState(check, Sender, ThreadStates.SendBlocked))
            {
                check.Equal(ResultWord.Ok, Threads.Cancel(Sender, out state), "cancel the sender");
                check.Equal(ThreadStates.SendBlocked, state, "the sender's state");
            }
            if (Workers.Start(check, Waiter, 2, &Wait, 0) && Workers.WaitForState(check, Waiter, ThreadStates.RecvBlocked))
            {
                check.Equal(ResultWord.Ok, Threads.Cancel(Waiter, out state), "cancel the waiter");
                check.Equal(ThreadStates.RecvBlocked, state, "the waiter's state");
            }
            if (Workers.Start(check, Caller, 3, &Call, 0) && check.Equal(ResultWord.Ok, Ipc.Wait(Endpoint).Result, "take the call"))
            {
                check.Equal(ResultWord.Ok, Threads.Cancel(Caller, out state), "cancel the caller");
                check.Equal(ThreadStates.RecvClosed, state, "the caller's state");
                check.Equal(Errors.NoPartner, Ipc.Reply(1, new ulong[] { 1 }).Result, "reply to the canceled caller");
            }
            if (Workers.Join(check, Done, 7))
            {
                check.Equal(Errors.Canceled, s_send, "canceled send");
                check.Equal(Errors.Canceled | ResultWord.ReceivePhaseBit, s_wait, "canceled wait");
                check.Equal(Errors.Canceled | ResultWord.ReceivePhaseBit, s_call, "canceled call");
            }
            Workers.Delete(check, new uint[] { Sender, Waiter, Caller, Endpoint, Done });
        }

        private static void Send(ulong argument)
        {
            s_send = Ipc.Send(Endpoint, 1, new ulong[] { 1 }).Result;
            Notifications.Notify(Done, 1);
        }

        private static void Wait(ulong argument)
        {
            s_wait = Ipc.Wait(Endpoint).Result;
            Notifications.Notify(Done, 2);
        }

        private static void Call(ulong argument)
        {
            s_call = Ipc.Call(Endpoint, 1, new ulong[] { 1 }).Result;
            Notifications.Notify(Done, 4);
        }
    }
}
