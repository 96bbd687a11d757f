// A Notify wakes a thread waiting on the notification with the bits (or, if it has not waited yet, they wait for
// it): either way it gets exactly them.
using Verified.User.Library;

namespace Verified.User.Scenarios.Signals
{
    public sealed unsafe class WakeWaiterScenario : Scenario
    {
        private const uint Signal = 2, Done = 3, Waiter = 4;
        private static ulong s_result, s_bits;

        public WakeWaiterScenario() : base("notify-wakes-waiter")
        {
        }

        public override void Run(Check check)
        {
            s_result = s_bits = ulong.MaxValue;
            if (!Workers.CreateNotification(check, Signal) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Waiter, 1, &Wait, 0))
            {
                return;
            }
            check.Equal(ResultWord.Ok, Notifications.Notify(Signal, 0x30), "notify");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_result, "wait");
                check.Equal(0x30, s_bits, "bits");
            }
            Workers.Delete(check, new uint[] { Waiter, Signal, Done });
        }

        private static void Wait(ulong argument)
        {
            s_result = Notifications.Wait(Signal, Timeout.Never, out s_bits);
            Notifications.Notify(Done, 1);
        }
    }
}
