// A thread whose code returned has ended: ThreadControl on it is ErrWrongState, ExchangeRegisters reports it Dead,
// and its capability is deleted like any other.
using Verified.User.Library;

namespace Verified.User.Scenarios.ThreadLife
{
    public sealed unsafe class EndedThreadScenario : Scenario
    {
        private const uint Endpoint = 2, Gone = 3;

        public EndedThreadScenario() : base("thread-ended")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.Start(check, Gone, 1, &End, 0)
                || !Workers.WaitForState(check, Gone, ThreadStates.Dead))
            {
                return;
            }
            check.Equal(Errors.WrongState, ThreadControl.Pager(Gone, Endpoint), "set the pager of an ended thread");
            check.Equal(Errors.WrongState, ThreadControl.DeleteThread(Gone), "delete an ended thread");
            check.Equal(ThreadStates.Dead, Threads.StateOf(Gone), "its state");
            Workers.Delete(check, new uint[] { Gone, Endpoint });
        }

        private static void End(ulong argument)
        {
            Threads.Yield();
        }
    }
}
