// ErrPartnerKilled when the partner deletes itself: a server that took the main thread's Call and then deletes its
// own thread (ThreadControl on its own capability, which does not return) leaves the caller with ErrPartnerKilled in
// its receive phase.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class SelfDeletedServerScenario : Scenario
    {
        private const uint Endpoint = 2, Server = 3;
        private static bool s_returned;

        public SelfDeletedServerScenario() : base("partner-deletes-itself")
        {
        }

        public override void Run(Check check)
        {
            s_returned = false;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.Start(check, Server, 1, &TakeAndDie, Server))
            {
                return;
            }
            check.Equal(Errors.PartnerKilled | ResultWord.ReceivePhaseBit, Ipc.Call(Endpoint, 1, new ulong[] { 1 }).Result, "call");
            if (Workers.WaitForState(check, Server, ThreadStates.Dead))
            {
                check.True(!s_returned, "the server's delete of itself returned");
            }
            Workers.Delete(check, new uint[] { Server, Endpoint });
        }

        private static void TakeAndDie(ulong ownSlot)
        {
            Ipc.Wait(Endpoint);
            ThreadControl.DeleteThread(ownSlot);
            s_returned = true;
        }
    }
}
