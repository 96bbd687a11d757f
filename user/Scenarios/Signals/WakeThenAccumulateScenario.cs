// Notify and NotifyWait end to end with a forced order: the main thread (above the signaler) waits first and is woken
// with the first bits; while it then waits on an endpoint, the signaler's next two Notifies accumulate, and the
// main thread's next wait takes both at once; a zero-timeout wait after that finds nothing (no receive-phase bit:
// NotifyWait has one phase).
using Verified.User.Library;

namespace Verified.User.Scenarios.Signals
{
    public sealed unsafe class WakeThenAccumulateScenario : Scenario
    {
        private const uint Notification = 2, Endpoint = 3, Done = 4, Signaler = 5;
        private static ulong s_signals;

        public WakeThenAccumulateScenario() : base("wake-then-accumulate")
        {
        }

        public override void Run(Check check)
        {
            s_signals = ulong.MaxValue;
            if (!Workers.CreateNotification(check, Notification) || !Workers.CreateEndpoint(check, Endpoint)
                || !Workers.CreateNotification(check, Done) || !Workers.StartAt(check, Signaler, 1, Layout.MainPriority - 1, &Signal, 0))
            {
                return;
            }
            ulong bits;
            check.Equal(ResultWord.Ok, Notifications.Wait(Notification, Workers.JoinTimeout, out bits), "the woken wait");
            check.Equal(0b10, bits, "the woken wait's bits");
            check.Equal(ResultWord.Ok, Ipc.Wait(Endpoint, Workers.JoinTimeout).Result, "the signaler's message");
            check.Equal(ResultWord.Ok, Notifications.Wait(Notification, Timeout.Zero, out bits), "the accumulated wait");
            check.Equal(0b101, bits, "the accumulated bits");
            check.Equal(Errors.RecvTimeout, Notifications.Wait(Notification, Timeout.Zero, out bits), "a wait with nothing pending");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_signals, "the signaler's calls");
            }
            Workers.Delete(check, new uint[] { Signaler, Notification, Endpoint, Done });
        }

        private static void Signal(ulong argument)
        {
            ulong all = Notifications.Notify(Notification, 0b10);
            all |= Notifications.Notify(Notification, 0b001);
            all |= Notifications.Notify(Notification, 0b100);
            all |= Ipc.Send(Endpoint, 1, Ipc.NoWords).Result;
            s_signals = all;
            Notifications.Notify(Done, 1);
        }
    }
}
