// Eight threads at a time (the boot layout's limit), three rounds: each round's threads run, signal and end, and
// their deleted capabilities make room for the next round (thread objects are reused).
using Verified.User.Library;

namespace Verified.User.Scenarios.ThreadLife
{
    public sealed unsafe class ManyThreadsScenario : Scenario
    {
        private const uint Done = 2, FirstThread = 3;
        private const int Rounds = 3;

        public ManyThreadsScenario() : base("threads-eight-three-rounds")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Done))
            {
                return;
            }
            for (int round = 0; round < Rounds && check.Passed; round++)
            {
                for (uint k = 0; k < Layout.MaxThreads; k++)
                {
                    if (!Workers.Start(check, FirstThread + k, 1 + k, &Signal, k))
                    {
                        break;
                    }
                }
                Workers.Join(check, Done, 0xFF);
                for (uint k = 0; k < Layout.MaxThreads; k++)
                {
                    if (Workers.WaitForState(check, FirstThread + k, ThreadStates.Dead))
                    {
                        Workers.Delete(check, FirstThread + k);
                    }
                }
            }
            Workers.Delete(check, Done);
        }

        private static void Signal(ulong k)
        {
            Notifications.Notify(Done, 1UL << (int)k);
        }
    }
}
