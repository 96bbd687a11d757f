// Zero-timeout polling of a notification: each try with no bits pending fails at once with ErrRecvTimeout (one
// phase: no bit 24); the first try after the Notify takes exactly its bits, and taking them clears the word, so the
// next try fails again. The signaler starts only after the first try failed, so at least one miss is certain.
using Verified.User.Library;

namespace Verified.User.Scenarios.Signals
{
    public sealed unsafe class NotificationPollingScenario : Scenario
    {
        private const uint Notification = 2, Done = 3, Go = 4, Signaler = 5;
        private const int MaxPolls = 100_000;
        private static ulong s_notify;

        public NotificationPollingScenario() : base("notification-polling")
        {
        }

        public override void Run(Check check)
        {
            s_notify = ulong.MaxValue;
            if (!Workers.CreateNotification(check, Notification) || !Workers.CreateNotification(check, Done)
                || !Workers.CreateNotification(check, Go) || !Workers.Start(check, Signaler, 1, &Signal, 0))
            {
                return;
            }
            int misses = 0;
            ulong bits;
            ulong result = Notifications.Wait(Notification, Timeout.Zero, out bits);
            Notifications.Notify(Go, 1);
            for (int i = 0; i < MaxPolls && result == Errors.RecvTimeout; i++)
            {
                misses++;
                Threads.Yield();
                result = Notifications.Wait(Notification, Timeout.Zero, out bits);
            }
            check.True(misses > 0, "the poll before the signaler started found bits");
            check.Equal(ResultWord.Ok, result, "the poll after the Notify");
            check.Equal(0x30, bits, "its bits");
            check.Equal(Errors.RecvTimeout, Notifications.Wait(Notification, Timeout.Zero, out bits), "the poll after the bits were taken");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_notify, "the Notify");
            }
            Workers.Delete(check, new uint[] { Signaler, Notification, Done, Go });
        }

        private static void Signal(ulong argument)
        {
            ulong bits;
            Notifications.Wait(Go, Workers.JoinTimeout, out bits);
            Ipc.Sleep(Timeout.Ticks(10));
            s_notify = Notifications.Notify(Notification, 0x30);
            Notifications.Notify(Done, 1);
        }
    }
}
