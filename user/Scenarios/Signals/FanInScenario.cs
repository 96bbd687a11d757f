// Fan-in: several threads signal one notification with their own bits; the waiter collects exactly their union,
// in however many wake-ups the interleaving gives.
using Verified.User.Library;

namespace Verified.User.Scenarios.Signals
{
    public sealed unsafe class FanInScenario : Scenario
    {
        private const uint Signal = 2, FirstSignaller = 3;
        private const int Signallers = 4;

        public FanInScenario() : base("notify-fan-in")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Signal))
            {
                return;
            }
            for (uint k = 0; k < Signallers; k++)
            {
                if (!Workers.Start(check, FirstSignaller + k, 1 + k, &Signal3Times, k))
                {
                    return;
                }
            }
            Workers.Join(check, Signal, 0xF);
            ulong bits;
            // The signallers may still be running their last Notify; wait for them before the word must stay empty.
            for (uint k = 0; k < Signallers; k++)
            {
                Workers.WaitForState(check, FirstSignaller + k, ThreadStates.Dead);
            }
            ulong last = Notifications.Wait(Signal, Timeout.Zero, out bits);
            check.True(last == Errors.RecvTimeout || (last == ResultWord.Ok && (bits & ~0xFUL) == 0), "only the signallers' bits");
            Workers.Delete(check, new uint[] { FirstSignaller, FirstSignaller + 1, FirstSignaller + 2, FirstSignaller + 3, Signal });
        }

        private static void Signal3Times(ulong k)
        {
            for (int i = 0; i < 3; i++)
            {
                Notifications.Notify(Signal, 1UL << (int)k);
            }
        }
    }
}
