// A server loop on ReplyWait: each call's answer and the next request in one syscall; the server keeps a running sum
// and stops on label 0.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class ReplyWaitServerScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Server = 4;
        private const ulong Add = 1, Stop = 0;
        private static ulong s_failures;

        public ReplyWaitServerScenario() : base("replywait-server")
        {
        }

        public override void Run(Check check)
        {
            s_failures = 0;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Server, 1, &Serve, 0))
            {
                return;
            }
            ulong sum = 0;
            for (ulong i = 1; i <= 5; i++)
            {
                sum += i;
                IpcResult reply = Ipc.Call(Endpoint, Add, new ulong[] { i });
                check.Equal(ResultWord.Ok, reply.Result, "call");
                check.Equal(sum, reply.Word(0), "running sum");
            }
            IpcResult last = Ipc.Call(Endpoint, Stop, Ipc.NoWords);
            check.Equal(ResultWord.Ok, last.Result, "stop call");
            check.Equal(15, last.Word(0), "final sum");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(0, s_failures, "server-side failures");
            }
            Workers.Delete(check, new uint[] { Server, Endpoint, Done });
        }

        private static void Serve(ulong argument)
        {
            ulong sum = 0;
            IpcResult request = Ipc.Wait(Endpoint);
            while (request.IsOk && request.Label == Add)
            {
                sum += request.Word(0);
                request = Ipc.ReplyWait(Endpoint, 0, new ulong[] { sum });
            }
            if (!request.IsOk || Ipc.Reply(0, new ulong[] { sum }).Result != ResultWord.Ok)
            {
                s_failures++;
            }
            Notifications.Notify(Done, 1);
        }
    }
}
