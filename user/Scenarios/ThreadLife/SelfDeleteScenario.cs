// A thread that deletes itself with ThreadControl does not return from the call; one that calls ExitThread does not
// return either. Both end up Dead.
using Verified.User.Library;

namespace Verified.User.Scenarios.ThreadLife
{
    public sealed unsafe class SelfDeleteScenario : Scenario
    {
        private const uint Done = 2, Deleter = 3, Exiter = 4;
        private static bool s_deleterReturned, s_exiterReturned;

        public SelfDeleteScenario() : base("thread-self-delete-and-exit")
        {
        }

        public override void Run(Check check)
        {
            s_deleterReturned = s_exiterReturned = false;
            if (!Workers.CreateNotification(check, Done) || !Workers.Start(check, Deleter, 1, &DeleteSelf, Deleter)
                || !Workers.Start(check, Exiter, 2, &Exit, 0))
            {
                return;
            }
            if (Workers.Join(check, Done, 3) && Workers.WaitForState(check, Deleter, ThreadStates.Dead)
                && Workers.WaitForState(check, Exiter, ThreadStates.Dead))
            {
                check.True(!s_deleterReturned, "ThreadControl delete of itself returned");
                check.True(!s_exiterReturned, "ExitThread returned");
            }
            Workers.Delete(check, new uint[] { Deleter, Exiter, Done });
        }

        private static void DeleteSelf(ulong ownSlot)
        {
            Notifications.Notify(Done, 1);
            ThreadControl.DeleteThread(ownSlot);
            s_deleterReturned = true;
        }

        private static void Exit(ulong argument)
        {
            Notifications.Notify(Done, 2);
            Machine.ExitThread();
            s_exiterReturned = true;
        }
    }
}
