// Priority order of an endpoint's send queue: a receiver takes the highest-priority blocked sender first, and among
// senders of one priority the one that blocked first. Seven senders (or callers) of three priorities block one after
// another; the main thread then receives (and answers) them all and records their labels.
using Verified.User.Library;

namespace Verified.User.Scenarios.Scheduling
{
    public sealed unsafe class SenderQueueOrderScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, FirstSender = 4;
        private static readonly ulong[] s_results = new ulong[QueueOrder.Threads];
        private static bool s_call;
        private readonly bool _call;

        /// <summary><paramref name="call"/>: the senders Call and the main thread replies to each.</summary>
        public SenderQueueOrderScenario(bool call) : base(call ? "caller-queue-order" : "sender-queue-order")
        {
            _call = call;
        }

        public override void Run(Check check)
        {
            s_call = _call;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            int started = 0;
            ulong blocked = _call ? ThreadStates.CallBlocked : ThreadStates.SendBlocked;
            for (int i = 0; i < QueueOrder.Threads && check.Passed; i++)
            {
                s_results[i] = ulong.MaxValue;
                if (Workers.StartAt(check, FirstSender + (uint)i, 1 + (uint)i, QueueOrder.Priorities[i], &Sender, (ulong)i))
                {
                    started++;
                    Workers.WaitForState(check, FirstSender + (uint)i, blocked);
                }
            }
            if (check.Passed)
            {
                ulong[] served = new ulong[QueueOrder.Threads];
                for (int m = 0; m < QueueOrder.Threads; m++)
                {
                    IpcResult request = Ipc.Wait(Endpoint, Workers.JoinTimeout);
                    if (!check.Equal(ResultWord.Ok, request.Result, "receive a queued sender"))
                    {
                        break;
                    }
                    served[m] = request.Label;
                    if (_call)
                    {
                        check.Equal(ResultWord.Ok, Ipc.Reply(0, Ipc.NoWords).Result, "reply");
                    }
                }
                check.Words(QueueOrder.Expected(), served, "the order the senders were received in");
                if (Workers.Join(check, Done, (1UL << QueueOrder.Threads) - 1))
                {
                    for (int i = 0; i < QueueOrder.Threads; i++)
                    {
                        check.Equal(ResultWord.Ok, s_results[i], "a sender's result");
                    }
                }
            }
            for (int i = 0; i < started; i++)
            {
                Workers.Delete(check, FirstSender + (uint)i);
            }
            Workers.Delete(check, new uint[] { Endpoint, Done });
        }

        private static void Sender(ulong index)
        {
            s_results[(int)index] = s_call
                ? Ipc.Call(Endpoint, index, Ipc.NoWords).Result
                : Ipc.Send(Endpoint, index, Ipc.NoWords).Result;
            Notifications.Notify(Done, 1UL << (int)index);
        }
    }
}
