// NotifyWait with nothing pending times out with ErrRecvTimeout and no receive-phase bit (it has only one phase),
// zero and relative.
using Verified.User.Library;

namespace Verified.User.Scenarios.Signals
{
    public sealed class SignalTimeoutScenario : Scenario
    {
        private const uint Signal = 2;

        public SignalTimeoutScenario() : base("notify-timeouts")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Signal))
            {
                return;
            }
            ulong bits;
            check.Equal(Errors.RecvTimeout, Notifications.Wait(Signal, Timeout.Zero, out bits), "zero timeout");
            check.Equal(Errors.RecvTimeout, Notifications.Wait(Signal, Timeout.Ticks(6), out bits), "6 ticks");
            check.Equal(0, bits, "no bits");
            Workers.Delete(check, Signal);
        }
    }
}
