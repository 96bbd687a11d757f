// Notification waiters are woken highest priority first: each Notify with a waiter gives its bits to exactly one
// waiter, so three Notifies of distinct bits reach three waiters of different priorities in priority order, whatever
// order they started waiting in.
using Verified.User.Library;

namespace Verified.User.Scenarios.Scheduling
{
    public sealed unsafe class NotificationWaiterOrderScenario : Scenario
    {
        private const uint Notification = 2, Done = 3, FirstWaiter = 4;
        private static readonly uint[] s_priorities = { 4, 9, 6 };
        private static readonly ulong[] s_bits = new ulong[3];
        private static readonly ulong[] s_results = new ulong[3];

        public NotificationWaiterOrderScenario() : base("notification-waiter-order")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Notification) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            int started = 0;
            for (int i = 0; i < 3; i++)
            {
                s_bits[i] = 0;
                s_results[i] = ulong.MaxValue;
            }
            for (int i = 0; i < 3 && check.Passed; i++)
            {
                // Each waiter blocks before the next starts, so all three wait when the first Notify comes.
                if (Workers.StartAt(check, FirstWaiter + (uint)i, 1 + (uint)i, s_priorities[i], &Waiter, (ulong)i))
                {
                    started++;
                    Workers.WaitForState(check, FirstWaiter + (uint)i, ThreadStates.RecvBlocked);
                }
            }
            if (check.Passed)
            {
                check.Equal(ResultWord.Ok, Notifications.Notify(Notification, 0b001), "notify 1");
                check.Equal(ResultWord.Ok, Notifications.Notify(Notification, 0b010), "notify 2");
                check.Equal(ResultWord.Ok, Notifications.Notify(Notification, 0b100), "notify 3");
                if (Workers.Join(check, Done, 0b111))
                {
                    ulong[] expected = { 0b100, 0b001, 0b010 };
                    for (int i = 0; i < 3; i++)
                    {
                        check.Equal(ResultWord.Ok, s_results[i], "a waiter's result");
                    }
                    check.Words(expected, s_bits, "the bits each waiter got (priorities 4, 9, 6)");
                }
            }
            for (int i = 0; i < started; i++)
            {
                Workers.Delete(check, FirstWaiter + (uint)i);
            }
            Workers.Delete(check, new uint[] { Notification, Done });
        }

        private static void Waiter(ulong index)
        {
            ulong bits;
            s_results[(int)index] = Notifications.Wait(Notification, Timeout.Never, out bits);
            s_bits[(int)index] = bits;
            Notifications.Notify(Done, 1UL << (int)index);
        }
    }
}
