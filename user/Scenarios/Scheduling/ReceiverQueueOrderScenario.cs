// Priority order of an endpoint's receive queue: a sender meets the highest-priority waiting receiver first, and
// among receivers of one priority the one that waited first. Seven receivers of three priorities wait one after
// another; the main thread then sends messages labelled 0..6, and each receiver records the label it got.
using Verified.User.Library;

namespace Verified.User.Scenarios.Scheduling
{
    public sealed unsafe class ReceiverQueueOrderScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, FirstReceiver = 4;
        private static readonly ulong[] s_results = new ulong[QueueOrder.Threads];
        private static readonly ulong[] s_labels = new ulong[QueueOrder.Threads];

        public ReceiverQueueOrderScenario() : base("receiver-queue-order")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            int started = 0;
            for (int i = 0; i < QueueOrder.Threads && check.Passed; i++)
            {
                s_results[i] = ulong.MaxValue;
                s_labels[i] = ulong.MaxValue;
                if (Workers.StartAt(check, FirstReceiver + (uint)i, 1 + (uint)i, QueueOrder.Priorities[i], &Receiver, (ulong)i))
                {
                    started++;
                    Workers.WaitForState(check, FirstReceiver + (uint)i, ThreadStates.RecvBlocked);
                }
            }
            if (check.Passed)
            {
                for (ulong m = 0; m < QueueOrder.Threads; m++)
                {
                    check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, m, Ipc.NoWords, Workers.JoinTimeout).Result, "send to a waiting receiver");
                }
                if (Workers.Join(check, Done, (1UL << QueueOrder.Threads) - 1))
                {
                    // Message m goes to the m-th receiver in serving order.
                    ulong[] expected = QueueOrder.Expected();
                    ulong[] got = new ulong[QueueOrder.Threads];
                    for (int m = 0; m < QueueOrder.Threads; m++)
                    {
                        check.Equal(ResultWord.Ok, s_results[(int)expected[m]], "a receiver's result");
                        got[m] = s_labels[(int)expected[m]];
                    }
                    check.Words(Workers.Sequence(QueueOrder.Threads, 0), got, "the labels in serving order");
                }
            }
            for (int i = 0; i < started; i++)
            {
                Workers.Delete(check, FirstReceiver + (uint)i);
            }
            Workers.Delete(check, new uint[] { Endpoint, Done });
        }

        private static void Receiver(ulong index)
        {
            IpcResult message = Ipc.Wait(Endpoint);
            s_results[(int)index] = message.Result;
            s_labels[(int)index] = message.Label;
            Notifications.Notify(Done, 1UL << (int)index);
        }
    }
}
