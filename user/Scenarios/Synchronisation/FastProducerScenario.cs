// A producer above its consumer fills a three-entry buffer and blocks on "space" only when it is full; each Notify of
// the consumer wakes the higher producer at once, which refills the one free place and blocks again: so it blocks
// exactly Count - Capacity times, and every item arrives once, in order.
using Verified.User.Library;

namespace Verified.User.Scenarios.Synchronisation
{
    public sealed unsafe class FastProducerScenario : Scenario
    {
        private const uint Items = 2, Space = 3, Done = 4, Producer = 5, Consumer = 6;
        private const uint ProducerPriority = 9, ConsumerPriority = 4;
        private const int Capacity = 3;
        private const int Count = 40;
        private static readonly ulong[] s_ring = new ulong[Capacity];
        private static int s_head, s_tail, s_blocked, s_consumed, s_outOfOrder, s_failures;

        public FastProducerScenario() : base("fast-producer")
        {
        }

        public override void Run(Check check)
        {
            s_head = s_tail = s_blocked = s_consumed = s_outOfOrder = s_failures = 0;
            if (!Workers.CreateNotification(check, Items) || !Workers.CreateNotification(check, Space)
                || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            if (Workers.StartAt(check, Producer, 1, ProducerPriority, &Produce, 0)
                && Workers.StartAt(check, Consumer, 2, ConsumerPriority, &Consume, 0) && Workers.Join(check, Done, 3))
            {
                check.Equal(Count, (ulong)s_consumed, "items consumed");
                check.Equal(0, (ulong)s_outOfOrder, "items out of order");
                check.Equal(0, (ulong)s_failures, "failed waits and notifies");
                // Once full, each wake-up finds exactly one free place: a wake-up without space would block again.
                check.Equal(Count - Capacity, (ulong)s_blocked, "times the producer found the buffer full");
            }
            Workers.Delete(check, new uint[] { Producer, Consumer, Items, Space, Done });
        }

        private static void Produce(ulong argument)
        {
            for (int i = 0; i < Count; i++)
            {
                while (s_head - s_tail == Capacity)
                {
                    s_blocked++;
                    Block(Space);
                }
                s_ring[s_head % Capacity] = (ulong)i;
                s_head++;
                Signal(Items);
            }
            Notifications.Notify(Done, 1);
        }

        private static void Consume(ulong argument)
        {
            while (s_consumed < Count)
            {
                while (s_head == s_tail)
                {
                    Block(Items);
                }
                if (s_ring[s_tail % Capacity] != (ulong)s_consumed)
                {
                    s_outOfOrder++;
                }
                s_tail++;
                s_consumed++;
                Signal(Space);
            }
            Notifications.Notify(Done, 2);
        }

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
