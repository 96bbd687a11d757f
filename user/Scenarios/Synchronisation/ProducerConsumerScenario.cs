// Producer and consumer over a four-entry ring in shared memory (static fields: the same address space), each
// blocking on a notification while the ring is full or empty: every item arrives once, in order.
using Verified.User.Library;

namespace Verified.User.Scenarios.Synchronisation
{
    public sealed unsafe class ProducerConsumerScenario : Scenario
    {
        private const uint ItemsReady = 2, SpaceFree = 3, Done = 4, Producer = 5, Consumer = 6;
        private const int Capacity = 4;
        private const ulong Items = 20;
        private static readonly ulong[] s_ring = new ulong[Capacity];
        private static ulong s_head, s_tail, s_sum, s_outOfOrder, s_failures;

        public ProducerConsumerScenario() : base("producer-consumer")
        {
        }

        public override void Run(Check check)
        {
            s_head = s_tail = s_sum = s_outOfOrder = s_failures = 0;
            if (!Workers.CreateNotification(check, ItemsReady) || !Workers.CreateNotification(check, SpaceFree)
                || !Workers.CreateNotification(check, Done) || !Workers.Start(check, Consumer, 1, &Consume, 0)
                || !Workers.Start(check, Producer, 2, &Produce, 0))
            {
                return;
            }
            if (Workers.Join(check, Done, 3))
            {
                check.Equal(Items * (Items + 1) / 2, s_sum, "sum of the items consumed");
                check.Equal(0, s_outOfOrder, "items out of order");
                check.Equal(0, s_failures, "failed waits and notifies");
                check.Equal(Items, s_tail, "items consumed");
            }
            Workers.Delete(check, new uint[] { Producer, Consumer, ItemsReady, SpaceFree, Done });
        }

        private static void Produce(ulong argument)
        {
            for (ulong item = 1; item <= Items; item++)
            {
                while (s_head - s_tail == Capacity)
                {
                    Block(SpaceFree);
                }
                s_ring[(int)(s_head % Capacity)] = item;
                s_head++;
                Signal(ItemsReady);
            }
            Notifications.Notify(Done, 1);
        }

        private static void Consume(ulong argument)
        {
            for (ulong expected = 1; expected <= Items; expected++)
            {
                while (s_head == s_tail)
                {
                    Block(ItemsReady);
                }
                ulong item = s_ring[(int)(s_tail % Capacity)];
                s_tail++;
                Signal(SpaceFree);
                s_sum += item;
                if (item != expected)
                {
                    s_outOfOrder++;
                }
            }
            Notifications.Notify(Done, 2);
        }

        // A signal may come before the wait: bits accumulate, so the wait then returns at once and the loop re-checks.
        private static void Block(uint notification)
        {
            ulong bits;
            if (Notifications.Wait(notification, Workers.JoinTimeout, out bits) != ResultWord.Ok)
            {
                s_failures++;
            }
        }

        private static void Signal(uint notification)
        {
            if (Notifications.Notify(notification, 1) != ResultWord.Ok)
            {
                s_failures++;
            }
        }
    }
}
