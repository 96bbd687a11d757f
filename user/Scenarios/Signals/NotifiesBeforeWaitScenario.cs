// Notifies made before anyone waits arrive as one word: four signalers below the main thread each Notify their own
// bit (and then report on a second notification); only after all four did does the main thread wait, and it gets
// all four bits in one wake-up, after which the word is empty.
using Verified.User.Library;

namespace Verified.User.Scenarios.Signals
{
    public sealed unsafe class NotifiesBeforeWaitScenario : Scenario
    {
        private const uint Notification = 2, Done = 3, FirstSignaler = 4;
        private const int Signalers = 4;
        private const ulong All = (1UL << Signalers) - 1;
        private static readonly ulong[] s_results = new ulong[Signalers];

        public NotifiesBeforeWaitScenario() : base("notifies-before-wait")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Notification) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            int started = 0;
            for (int s = 0; s < Signalers && check.Passed; s++)
            {
                s_results[s] = ulong.MaxValue;
                if (Workers.StartAt(check, FirstSignaler + (uint)s, 1 + (uint)s, Layout.MainPriority - 1, &Signal, (ulong)s))
                {
                    started++;
                }
            }
            if (check.Passed && Workers.Join(check, Done, All))
            {
                ulong bits;
                check.Equal(ResultWord.Ok, Notifications.Wait(Notification, Workers.JoinTimeout, out bits), "the wait after the Notifies");
                check.Equal(All, bits, "every signaler's bit in one word");
                check.Equal(Errors.RecvTimeout, Notifications.Wait(Notification, Timeout.Zero, out bits), "the word after it was taken");
                for (int s = 0; s < Signalers; s++)
                {
                    check.Equal(ResultWord.Ok, s_results[s], "a signaler's Notify");
                }
            }
            for (int s = 0; s < started; s++)
            {
                Workers.Delete(check, FirstSignaler + (uint)s);
            }
            Workers.Delete(check, new uint[] { Notification, Done });
        }

        private static void Signal(ulong index)
        {
            s_results[(int)index] = Notifications.Notify(Notification, 1UL << (int)index);
            Notifications.Notify(Done, 1UL << (int)index);
        }
    }
}
