// ErrPartnerKilled when the thread a closed receive waits for ends by itself (its code returns and the thread
// exits): the partner ends only once the receiver is in its closed receive, so it is the ending that wakes it.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class EndedPartnerWhileWaitingScenario : Scenario
    {
        private const uint Partner = 2;

        public EndedPartnerWhileWaitingScenario() : base("partner-ends-while-waited-for")
        {
        }

        public override void Run(Check check)
        {
            // Below the main thread, the partner runs only once the main thread waits for it.
            if (Workers.StartAt(check, Partner, 1, Layout.MainPriority - 1, &EndWhenWaitedFor, 0))
            {
                check.Equal(Errors.PartnerKilled | ResultWord.ReceivePhaseBit, Ipc.Receive(Partner, Workers.JoinTimeout).Result,
                    "the closed receive from the thread that ended");
            }
            Workers.Delete(check, Partner);
        }

        private static void EndWhenWaitedFor(ulong argument)
        {
            for (int i = 0; i < Workers.StatePolls && Threads.StateOf(Layout.MainThreadSlot) != ThreadStates.RecvClosed; i++)
            {
                Ipc.Sleep(Timeout.Ticks(1));
            }
        }
    }
}
