// An endpoint's send queue: a closed receive picks the named sender out of it ahead of those queued before it, and
// open waits then take the others in the order they queued (one priority: first come, first served).
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class QueueOrderScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, FirstSender = 4;
        private const int Senders = 3;
        private static readonly ulong[] s_sent = new ulong[Senders];

        public QueueOrderScenario() : base("closed-receive-from-queue")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            for (uint k = 0; k < Senders; k++)
            {
                s_sent[k] = ulong.MaxValue;
                // Each sender is queued before the next starts, so the queue order is k = 0, 1, 2.
                if (!Workers.Start(check, FirstSender + k, 1 + k, &Send, k)
                    || !Workers.WaitForState(check, FirstSender + k, ThreadStates.SendBlocked))
                {
                    return;
                }
            }
            IpcResult named = Ipc.Receive(FirstSender + 2);
            check.Equal(ResultWord.Ok, named.Result, "closed receive of the last sender");
            check.Equal(2, named.Label, "the named sender's message");
            for (ulong k = 0; k < 2; k++)
            {
                IpcResult next = Ipc.Wait(Endpoint);
                check.Equal(ResultWord.Ok, next.Result, "open wait");
                check.Equal(k, next.Label, "queue order of the others");
            }
            if (Workers.Join(check, Done, 7))
            {
                for (int k = 0; k < Senders; k++)
                {
                    check.Equal(ResultWord.Ok, s_sent[k], "a sender's send");
                }
            }
            Workers.Delete(check, new uint[] { FirstSender, FirstSender + 1, FirstSender + 2, Endpoint, Done });
        }

        private static void Send(ulong k)
        {
            s_sent[(int)k] = Ipc.Send(Endpoint, k, Ipc.NoWords).Result;
            Notifications.Notify(Done, 1UL << (int)k);
        }
    }
}
