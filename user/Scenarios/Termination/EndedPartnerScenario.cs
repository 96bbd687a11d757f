// ErrNoPartner for a closed receive from a thread that has already ended (its capability names a dead thread).
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class EndedPartnerScenario : Scenario
    {
        private const uint Gone = 2;

        public EndedPartnerScenario() : base("closed-receive-from-ended-thread")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.Start(check, Gone, 1, &End, 0) || !Workers.WaitForState(check, Gone, ThreadStates.Dead))
            {
                return;
            }
            check.Equal(Errors.NoPartner | ResultWord.ReceivePhaseBit, Ipc.Receive(Gone).Result, "closed receive");
            Workers.Delete(check, Gone);
        }

        private static void End(ulong argument)
        {
            Threads.Null();
        }
    }
}
