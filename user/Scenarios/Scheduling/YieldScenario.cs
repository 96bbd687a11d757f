// Yield between two threads of one priority: the scenario thread and a worker at its priority take turns, each
// yielding after its turn, and every Yield returns 0; both finish, and the worker's turns are all taken. The turns'
// order is the machine's. The booted kernel runs the first Ready thread of the priority after a Yield (the IPC
// core's Yield, checked by the core's tests, by the boot's self-check of the compiled core and by the bench's wait
// row, which fails unless the yield runs its partner); the simulated machine may run any runnable thread of the top
// priority at any entry, as a tick could.
using Verified.User.Library;

namespace Verified.User.Scenarios.Scheduling
{
    public sealed unsafe class YieldScenario : Scenario
    {
        private const uint Done = 2, Worker = 3;
        private const int Turns = 3;

        private static int s_mainTurns, s_workerTurns;
        private static ulong s_workerResult;

        public YieldScenario() : base("yield-equal-priority")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Done))
            {
                return;
            }
            s_mainTurns = 0;
            s_workerTurns = 0;
            s_workerResult = ulong.MaxValue;
            if (Workers.StartAt(check, Worker, 1, Layout.MainPriority, &Take, 0))
            {
                for (int i = 0; i < Turns && check.Passed; i++)
                {
                    s_mainTurns++;
                    check.Equal(ResultWord.Ok, Threads.Yield(), "yield");
                }
                if (Workers.Join(check, Done, 1))
                {
                    check.Equal(ResultWord.Ok, s_workerResult, "the worker's yields");
                    check.Equal((ulong)(2 * Turns), (ulong)(s_mainTurns + s_workerTurns), "turns taken");
                }
                Workers.Delete(check, Worker);
            }
            Workers.Delete(check, Done);
        }

        private static void Take(ulong unused)
        {
            ulong result = ResultWord.Ok;
            for (int i = 0; i < Turns; i++)
            {
                s_workerTurns++;
                ulong yielded = Threads.Yield();
                result = result == ResultWord.Ok ? yielded : result;
            }
            s_workerResult = result;
            Notifications.Notify(Done, 1);
        }
    }
}
