// Deleting a thread's last capability deletes the thread: one blocked in an open wait leaves the endpoint's queue
// (a send then finds no receiver) and never returns from its wait.
using Verified.User.Library;

namespace Verified.User.Scenarios.ThreadLife
{
    public sealed unsafe class DeleteBlockedThreadScenario : Scenario
    {
        private const uint Endpoint = 2, Waiter = 3;
        private static bool s_returned;

        public DeleteBlockedThreadScenario() : base("thread-delete-by-capability")
        {
        }

        public override void Run(Check check)
        {
            s_returned = false;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.Start(check, Waiter, 1, &Wait, 0)
                || !Workers.WaitForState(check, Waiter, ThreadStates.RecvBlocked))
            {
                return;
            }
            check.Equal(ResultWord.Ok, Capabilities.Delete(Waiter), "delete the waiting thread's last capability");
            // Nobody waits on the endpoint any more: a zero-timeout send finds no receiver.
            check.Equal(Errors.SendTimeout, Ipc.Send(Endpoint, 1, Ipc.NoWords, Timeout.Zero).Result, "send after the delete");
            check.True(!s_returned, "the deleted thread went on");
            Workers.Delete(check, Endpoint);
        }

        private static void Wait(ulong argument)
        {
            Ipc.Wait(Endpoint);
            s_returned = true;
        }
    }
}
