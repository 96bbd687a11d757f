// A thread that deletes itself (ThreadControl on its own capability) never returns from the call, and the thread
// waiting in a closed receive for it is told: ErrPartnerKilled in its receive phase; the deleted thread is Dead.
using Verified.User.Library;

namespace Verified.User.Scenarios.ThreadLife
{
    public sealed unsafe class SelfDeletedPartnerScenario : Scenario
    {
        private const uint Done = 2, Self = 3;
        private static bool s_returned;

        public SelfDeletedPartnerScenario() : base("self-deleted-partner")
        {
        }

        public override void Run(Check check)
        {
            s_returned = false;
            if (!Workers.CreateNotification(check, Done))
            {
                return;
            }
            // Below the main thread, the partner runs only once the main thread waits for it.
            if (Workers.StartAt(check, Self, 1, Layout.MainPriority - 1, &DeleteSelf, 0))
            {
                check.Equal(Errors.PartnerKilled | ResultWord.ReceivePhaseBit, Ipc.Receive(Self, Workers.JoinTimeout).Result,
                    "the closed receive from the self-deleting thread");
                check.True(!s_returned, "a self-delete returned");
                check.Equal(ThreadStates.Dead, Threads.StateOf(Self), "the self-deleted thread");
            }
            Workers.Delete(check, new uint[] { Self, Done });
        }

        private static void DeleteSelf(ulong argument)
        {
            // Only once the main thread is in its closed receive, so the deletion is what ends it.
            for (int i = 0; i < Workers.StatePolls && Threads.StateOf(Layout.MainThreadSlot) != ThreadStates.RecvClosed; i++)
            {
                Ipc.Sleep(Timeout.Ticks(1));
            }
            ThreadControl.DeleteThread(Self);
            s_returned = true;
        }
    }
}
