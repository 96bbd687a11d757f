// Fan-in checked at every wake-up: four signalers Notify their own bit five times each (with kernel entries between),
// one waiter takes whatever is pending. Each wake-up carries at least one bit and none nobody sent; together they are
// every signaler's bit, in at least one and at most twenty wake-ups; once all signalers finished and the rest was
// taken, the word is empty.
using Verified.User.Library;

namespace Verified.User.Scenarios.Signals
{
    public sealed unsafe class FanInWakeupsScenario : Scenario
    {
        private const uint Notification = 2, Finished = 3, FirstSignaler = 4;
        private const int Signalers = 4, NotifiesEach = 5;
        private const ulong All = (1UL << Signalers) - 1;
        private const int MaxWaits = 100_000;
        private static ulong s_seen, s_bad;
        private static int s_wakeups;
        private static readonly int[] s_failedNotifies = new int[Signalers];

        public FanInWakeupsScenario() : base("fan-in-wakeups")
        {
        }

        public override void Run(Check check)
        {
            s_seen = s_bad = 0;
            s_wakeups = 0;
            if (!Workers.CreateNotification(check, Notification) || !Workers.CreateNotification(check, Finished))
            {
                return;
            }
            int started = 0;
            for (int s = 0; s < Signalers && check.Passed; s++)
            {
                s_failedNotifies[s] = 0;
                if (Workers.Start(check, FirstSignaler + (uint)s, 1 + (uint)s, &Signal, (ulong)s))
                {
                    started++;
                }
            }
            if (check.Passed)
            {
                // Until every signaler has finished; then whatever is still pending is taken without blocking.
                ulong finished = 0;
                ulong bits;
                for (int i = 0; i < MaxWaits && finished != All; i++)
                {
                    ulong result = Notifications.Wait(Notification, Timeout.Ticks(20), out bits);
                    if (result == ResultWord.Ok)
                    {
                        Take(bits);
                    }
                    else if (!check.Equal(Errors.RecvTimeout, result, "a wait"))
                    {
                        break;
                    }
                    if (Notifications.Wait(Finished, Timeout.Zero, out bits) == ResultWord.Ok)
                    {
                        finished |= bits;
                    }
                }
                check.Equal(All, finished, "the signalers that finished");
                if (Notifications.Wait(Notification, Timeout.Zero, out bits) == ResultWord.Ok)
                {
                    Take(bits);
                }
                check.Equal(Errors.RecvTimeout, Notifications.Wait(Notification, Timeout.Zero, out bits), "the word after the last take");
                check.Equal(0, s_bad, "wake-ups with no bit or a bit nobody sent");
                check.Equal(All, s_seen, "every signaler's bit");
                for (int s = 0; s < Signalers; s++)
                {
                    check.Equal(0, (ulong)s_failedNotifies[s], "a signaler's failed Notifies");
                }
                check.True(s_wakeups >= 1 && s_wakeups <= Signalers * NotifiesEach, "between one and twenty wake-ups");
            }
            for (int s = 0; s < started; s++)
            {
                Workers.Delete(check, FirstSignaler + (uint)s);
            }
            Workers.Delete(check, new uint[] { Notification, Finished });
        }

        private static void Take(ulong bits)
        {
            if (bits == 0 || (bits & ~All) != 0)
            {
                s_bad++;
            }
            s_seen |= bits;
            s_wakeups++;
        }

        private static void Signal(ulong index)
        {
            ulong bit = 1UL << (int)index;
            for (int i = 0; i < NotifiesEach; i++)
            {
                if (Notifications.Notify(Notification, bit) != ResultWord.Ok)
                {
                    s_failedNotifies[(int)index]++;
                }
                for (ulong spin = 0; spin < 1 + bit % 3; spin++)
                {
                    Threads.Null();
                }
            }
            Notifications.Notify(Finished, bit);
        }
    }
}
