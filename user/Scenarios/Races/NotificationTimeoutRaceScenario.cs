// A notification wait's timeout racing the Notify: the bits are never lost - the waiter either gets them (OK) or
// times out (ErrRecvTimeout, no bits) and then finds them pending with a zero-timeout poll.
using Verified.User.Library;

namespace Verified.User.Scenarios.Races
{
    public sealed unsafe class NotificationTimeoutRaceScenario : Scenario
    {
        private const uint Signal = 2, Done = 3, Waiter = 4;
        private static ulong s_first, s_firstBits, s_second, s_secondBits;

        public NotificationTimeoutRaceScenario() : base("notification-timeout-race")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Signal) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            for (ulong delay = 0; delay <= 12 && check.Passed; delay += 3)
            {
                s_first = s_firstBits = s_second = s_secondBits = ulong.MaxValue;
                if (!Workers.Start(check, Waiter, 1, &Wait, 0))
                {
                    return;
                }
                if (delay != 0)
                {
                    Ipc.Sleep(Timeout.Ticks(delay));
                }
                check.Equal(ResultWord.Ok, Notifications.Notify(Signal, 0x24), "notify");
                if (!Workers.Join(check, Done, 1))
                {
                    return;
                }
                if (s_first == ResultWord.Ok)
                {
                    check.Equal(0x24, s_firstBits, "the bits the wait got");
                }
                else
                {
                    check.Equal(Errors.RecvTimeout, s_first, "a wait that got nothing");
                    check.Equal(ResultWord.Ok, s_second, "the poll after it");
                    check.Equal(0x24, s_secondBits, "the bits the poll got");
                }
                Workers.Delete(check, Waiter);
            }
            Workers.Delete(check, new uint[] { Signal, Done });
        }

        private static void Wait(ulong argument)
        {
            s_first = Notifications.Wait(Signal, Timeout.Ticks(6), out s_firstBits);
            if (s_first != ResultWord.Ok)
            {
                // The Notify may still be on its way: the main thread signals before it waits for Done, so poll until
                // the bits are there (bounded, as everything here).
                for (int i = 0; i < Workers.StatePolls; i++)
                {
                    s_second = Notifications.Wait(Signal, Timeout.Zero, out s_secondBits);
                    if (s_second == ResultWord.Ok)
                    {
                        break;
                    }
                    Ipc.Sleep(Timeout.Ticks(1));
                }
            }
            Notifications.Notify(Done, 1);
        }
    }
}
