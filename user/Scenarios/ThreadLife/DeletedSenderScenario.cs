// Deleting a thread queued as a sender takes it out of the endpoint's queue and touches nobody else: with two
// senders queued, the first deleted, a receiver gets the second one's message (the deleted sender was nobody's
// partner yet), and the second sender's Send ends with OK.
using Verified.User.Library;

namespace Verified.User.Scenarios.ThreadLife
{
    public sealed unsafe class DeletedSenderScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, First = 4, Second = 5;
        private static ulong s_second;

        public DeletedSenderScenario() : base("deleted-sender")
        {
        }

        public override void Run(Check check)
        {
            s_second = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            if (Workers.Start(check, First, 1, &Send, 1) && Workers.WaitForState(check, First, ThreadStates.SendBlocked)
                && Workers.Start(check, Second, 2, &Send, 2) && Workers.WaitForState(check, Second, ThreadStates.SendBlocked))
            {
                check.Equal(ResultWord.Ok, ThreadControl.DeleteThread(First), "delete the first sender");
                check.Equal(ThreadStates.Dead, Threads.StateOf(First), "the deleted sender");
                IpcResult received = Ipc.Wait(Endpoint, Workers.JoinTimeout);
                check.Equal(ResultWord.Ok, received.Result, "receive");
                check.Words(new ulong[] { 20 }, received.Words, "the second sender's message");
                if (Workers.Join(check, Done, 2))
                {
                    check.Equal(ResultWord.Ok, s_second, "the second sender");
                }
            }
            Workers.Delete(check, new uint[] { First, Second, Endpoint, Done });
        }

        private static void Send(ulong which)
        {
            ulong result = Ipc.Send(Endpoint, which, new ulong[] { which * 10 }).Result;
            if (which == 2)
            {
                s_second = result;
                Notifications.Notify(Done, 2);
            }
        }
    }
}
