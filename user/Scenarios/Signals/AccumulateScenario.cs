// Notification bits accumulate (OR) while nobody waits; a wait takes all of them and clears the word.
using Verified.User.Library;

namespace Verified.User.Scenarios.Signals
{
    public sealed class AccumulateScenario : Scenario
    {
        private const uint Signal = 2;

        public AccumulateScenario() : base("notify-accumulate")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Signal))
            {
                return;
            }
            check.Equal(ResultWord.Ok, Notifications.Notify(Signal, 1), "notify 1");
            check.Equal(ResultWord.Ok, Notifications.Notify(Signal, 4), "notify 4");
            check.Equal(ResultWord.Ok, Notifications.Notify(Signal, 5), "notify 5 again");
            ulong bits;
            check.Equal(ResultWord.Ok, Notifications.Wait(Signal, Timeout.Zero, out bits), "wait");
            check.Equal(5, bits, "the bits");
            check.Equal(Errors.RecvTimeout, Notifications.Wait(Signal, Timeout.Zero, out bits), "wait after the word was cleared");
            check.Equal(0, bits, "no bits");
            Workers.Delete(check, Signal);
        }
    }
}
