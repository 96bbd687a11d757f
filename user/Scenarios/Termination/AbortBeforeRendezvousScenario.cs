// Abort applies only after the rendezvous, during a transfer: a sender still queued is untouched by it, and its
// message is received later as if nothing happened. Cancel of a thread that does not wait does nothing either.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class AbortBeforeRendezvousScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Sender = 4;
        private static ulong s_sent;

        public AbortBeforeRendezvousScenario() : base("abort-before-rendezvous")
        {
        }

        public override void Run(Check check)
        {
            s_sent = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Sender, 1, &Send, 0) || !Workers.WaitForState(check, Sender, ThreadStates.SendBlocked))
            {
                return;
            }
            ulong state;
            check.Equal(ResultWord.Ok, Threads.Abort(Sender, out state), "abort");
            check.Equal(ThreadStates.SendBlocked, state, "the state abort found");
            check.Equal(ThreadStates.SendBlocked, Threads.StateOf(Sender), "the state after the abort");
            IpcResult received = Ipc.Wait(Endpoint);
            check.Equal(ResultWord.Ok, received.Result, "wait");
            check.Words(new ulong[] { 9 }, received.Words, "message");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_sent, "send");
            }
            if (Workers.WaitForState(check, Sender, ThreadStates.Dead))
            {
                check.Equal(ResultWord.Ok, Threads.Cancel(Sender, out state), "cancel of a thread that ended");
                check.Equal(ThreadStates.Dead, state, "its state");
            }
            Workers.Delete(check, new uint[] { Sender, Endpoint, Done });
        }

        private static void Send(ulong argument)
        {
            s_sent = Ipc.Send(Endpoint, 1, new ulong[] { 9 }).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
