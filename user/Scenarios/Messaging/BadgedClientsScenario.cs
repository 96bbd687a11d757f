// Two clients call one server (the main thread) through capabilities minted with different badges: the server
// tells them apart by the badge, and each gets the answer to its own request, however the calls interleave.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class BadgedClientsScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, FirstClientCapability = 4, FirstClient = 6;
        private const int Clients = 2, CallsEach = 3;
        private static ulong s_wrongAnswers;

        public BadgedClientsScenario() : base("badged-clients")
        {
        }

        public override void Run(Check check)
        {
            s_wrongAnswers = 0;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            for (uint k = 0; k < Clients; k++)
            {
                if (!check.Equal(ResultWord.Ok, Capabilities.Mint(Endpoint, FirstClientCapability + k, Capabilities.AllRights, k + 1), "mint")
                    || !Workers.Start(check, FirstClient + k, 1 + k, &Client, k))
                {
                    return;
                }
            }
            ulong[] served = new ulong[Clients + 1];
            IpcResult request = Ipc.Wait(Endpoint);
            for (int i = 0; i < Clients * CallsEach && check.Equal(ResultWord.Ok, request.Result, "request"); i++)
            {
                if (check.True(request.Badge >= 1 && request.Badge <= Clients, "a client's badge"))
                {
                    served[(int)request.Badge]++;
                }
                // The answer names the client the server believes it is talking to.
                ulong[] answer = new ulong[] { request.Badge * 100 + request.Word(0) };
                request = i + 1 < Clients * CallsEach ? Ipc.ReplyWait(Endpoint, 0, answer) : Ipc.Reply(0, answer);
            }
            check.Equal(ResultWord.Ok, request.Result, "last reply");
            check.Equal(CallsEach, served[1], "calls of client 1");
            check.Equal(CallsEach, served[2], "calls of client 2");
            if (Workers.Join(check, Done, 3))
            {
                check.Equal(0, s_wrongAnswers, "answers that were not the client's own");
            }
            Workers.Delete(check, new uint[] { FirstClient, FirstClient + 1, FirstClientCapability, FirstClientCapability + 1, Endpoint, Done });
        }

        private static void Client(ulong k)
        {
            for (ulong i = 0; i < CallsEach; i++)
            {
                IpcResult reply = Ipc.Call(FirstClientCapability + (uint)k, 1, new ulong[] { i });
                if (!reply.IsOk || reply.Word(0) != (k + 1) * 100 + i)
                {
                    s_wrongAnswers++;
                }
            }
            Notifications.Notify(Done, 1UL << (int)k);
        }
    }
}
