// Deleting the last capability of an endpoint with a sender and a caller queued on it: both are woken with
// ErrNoPartner in their send phase (neither reached the rendezvous, so the caller's error has no receive-phase bit),
// and the delete itself succeeds.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class DestroyedUnderQueueScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Sender = 4, Caller = 5;
        private static ulong s_send, s_call;

        public DestroyedUnderQueueScenario() : base("destroyed-under-queue")
        {
        }

        public override void Run(Check check)
        {
            s_send = s_call = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            if (Workers.Start(check, Sender, 1, &Send, 0) && Workers.Start(check, Caller, 2, &Call, 0)
                && Workers.WaitForState(check, Sender, ThreadStates.SendBlocked)
                && Workers.WaitForState(check, Caller, ThreadStates.CallBlocked)
                && Workers.Delete(check, Endpoint) && Workers.Join(check, Done, 3))
            {
                check.Equal(Errors.NoPartner, s_send, "the queued sender");
                check.Equal(Errors.NoPartner, s_call, "the queued caller");
            }
            Capabilities.Delete(Endpoint);   // still there only if a step above failed
            Workers.Delete(check, new uint[] { Sender, Caller, Done });
        }

        private static void Send(ulong argument)
        {
            s_send = Ipc.Send(Endpoint, 1, new ulong[] { 1 }).Result;
            Notifications.Notify(Done, 1);
        }

        private static void Call(ulong argument)
        {
            s_call = Ipc.Call(Endpoint, 2, new ulong[] { 2 }).Result;
            Notifications.Notify(Done, 2);
        }
    }
}
