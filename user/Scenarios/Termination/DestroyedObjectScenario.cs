// Deleting the last capability of an endpoint or notification destroys it: a queued sender gets ErrNoPartner (send
// phase), a waiting receiver ErrNoPartner in its receive phase, a notification waiter ErrNoPartner and no bits.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class DestroyedObjectScenario : Scenario
    {
        private const uint SendEndpoint = 2, WaitEndpoint = 3, Signal = 4, Done = 5, Sender = 6, Waiter = 7, SignalWaiter = 8;
        private static ulong s_send, s_wait, s_signal, s_bits;

        public DestroyedObjectScenario() : base("destroyed-objects")
        {
        }

        public override void Run(Check check)
        {
            s_send = s_wait = s_signal = s_bits = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, SendEndpoint) || !Workers.CreateEndpoint(check, WaitEndpoint)
                || !Workers.CreateNotification(check, Signal) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            if (Workers.Start(check, Sender, 1, &Send, 0) && Workers.WaitForState(check, Sender, ThreadStates.SendBlocked))
            {
                Workers.Delete(check, SendEndpoint);
            }
            if (Workers.Start(check, Waiter, 2, &Wait, 0) && Workers.WaitForState(check, Waiter, ThreadStates.RecvBlocked))
            {
                Workers.Delete(check, WaitEndpoint);
            }
            if (Workers.Start(check, SignalWaiter, 3, &WaitForSignal, 0)
                && Workers.WaitForState(check, SignalWaiter, ThreadStates.RecvBlocked))
            {
                Workers.Delete(check, Signal);
            }
            if (Workers.Join(check, Done, 7))
            {
                check.Equal(Errors.NoPartner, s_send, "queued sender");
                check.Equal(Errors.NoPartner | ResultWord.ReceivePhaseBit, s_wait, "waiting receiver");
                check.Equal(Errors.NoPartner, s_signal, "notification waiter");
                check.Equal(0, s_bits, "its bits");
            }
            Workers.Delete(check, new uint[] { Sender, Waiter, SignalWaiter, Done });
        }

        private static void Send(ulong argument)
        {
            s_send = Ipc.Send(SendEndpoint, 1, new ulong[] { 1 }).Result;
            Notifications.Notify(Done, 1);
        }

        private static void Wait(ulong argument)
        {
            s_wait = Ipc.Wait(WaitEndpoint).Result;
            Notifications.Notify(Done, 2);
        }

        private static void WaitForSignal(ulong argument)
        {
            s_signal = Notifications.Wait(Signal, Timeout.Never, out s_bits);
            Notifications.Notify(Done, 4);
        }
    }
}
