// A server whose code ends after it took a Call (it returns without replying, so the thread exits): the caller,
// waiting for the reply, gets ErrPartnerKilled in its receive phase.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class ServerEndedScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Server = 4;
        private static ulong s_request;

        public ServerEndedScenario() : base("server-ended")
        {
        }

        public override void Run(Check check)
        {
            s_request = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            if (Workers.Start(check, Server, 1, &Serve, 0))
            {
                check.Equal(Errors.PartnerKilled | ResultWord.ReceivePhaseBit,
                    Ipc.Call(Endpoint, 1, new ulong[] { 1 }, Timeout.Never, Workers.JoinTimeout).Result, "the call to the ended server");
                if (Workers.Join(check, Done, 1))
                {
                    check.Equal(ResultWord.Ok, s_request, "the server's receive");
                }
            }
            Workers.Delete(check, new uint[] { Server, Endpoint, Done });
        }

        private static void Serve(ulong argument)
        {
            s_request = Ipc.Wait(Endpoint).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
