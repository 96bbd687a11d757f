// Two threads wait on one notification: each Notify wakes one waiter with exactly its bits; with one priority either
// may be first, but together they get both signals and neither gets both.
using Verified.User.Library;

namespace Verified.User.Scenarios.Signals
{
    public sealed unsafe class TwoWaitersScenario : Scenario
    {
        private const uint Signal = 2, Done = 3, FirstWaiter = 4;
        private static readonly ulong[] s_bits = new ulong[2];
        private static readonly ulong[] s_results = new ulong[2];

        public TwoWaitersScenario() : base("notify-two-waiters")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Signal) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            for (uint k = 0; k < 2; k++)
            {
                s_bits[k] = s_results[k] = ulong.MaxValue;
                if (!Workers.Start(check, FirstWaiter + k, 1 + k, &Wait, k) || !Workers.WaitForState(check, FirstWaiter + k, ThreadStates.RecvBlocked))
                {
                    return;
                }
            }
            check.Equal(ResultWord.Ok, Notifications.Notify(Signal, 1), "first notify");
            check.Equal(ResultWord.Ok, Notifications.Notify(Signal, 2), "second notify");
            if (Workers.Join(check, Done, 3))
            {
                check.Equal(ResultWord.Ok, s_results[0], "first waiter");
                check.Equal(ResultWord.Ok, s_results[1], "second waiter");
                check.OneOf(1, 2, s_bits[0], "the first waiter's bits");
                check.Equal(3, s_bits[0] | s_bits[1], "both signals arrived, one each");
            }
            Workers.Delete(check, new uint[] { FirstWaiter, FirstWaiter + 1, Signal, Done });
        }

        private static void Wait(ulong k)
        {
            s_results[(int)k] = Notifications.Wait(Signal, Timeout.Never, out s_bits[(int)k]);
            Notifications.Notify(Done, 1UL << (int)k);
        }
    }
}
