// A server that Calls another server on behalf of its client: the answer to its own Call is no request (no reply
// expected), so its Reply still goes to its client (docs/abi.md section 4: to the thread whose Call it received
// last).
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class NestedCallScenario : Scenario
    {
        private const uint Front = 2, Back = 3, Done = 4, FrontServer = 5, BackServer = 6;
        private static ulong s_frontReply, s_backReply, s_innerCall, s_failures;

        public NestedCallScenario() : base("nested-call")
        {
        }

        public override void Run(Check check)
        {
            s_frontReply = s_backReply = s_innerCall = ulong.MaxValue;
            s_failures = 0;
            if (!Workers.CreateEndpoint(check, Front) || !Workers.CreateEndpoint(check, Back) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, BackServer, 1, &ServeBack, 0) || !Workers.Start(check, FrontServer, 2, &ServeFront, 0))
            {
                return;
            }
            IpcResult answer = Ipc.Call(Front, 1, new ulong[] { 20 });
            check.Equal(ResultWord.Ok, answer.Result, "the client's call");
            check.Words(new ulong[] { 43 }, answer.Words, "the answer");
            if (Workers.Join(check, Done, 3))
            {
                check.Equal(0, s_failures, "requests that failed or expected no reply");
                check.Equal(ResultWord.Ok, s_innerCall, "the front server's own call");
                check.Equal(ResultWord.Ok, s_backReply, "the back server's reply");
                check.Equal(ResultWord.Ok, s_frontReply, "the front server's reply to its client");
            }
            Workers.Delete(check, new uint[] { FrontServer, BackServer, Front, Back, Done });
        }

        private static void ServeBack(ulong argument)
        {
            IpcResult request = Ipc.Wait(Back);
            if (!request.IsOk || !request.ReplyExpected)
            {
                s_failures++;
            }
            s_backReply = Ipc.Reply(0, new ulong[] { request.Word(0) * 2 }).Result;
            Notifications.Notify(Done, 1);
        }

        private static void ServeFront(ulong argument)
        {
            IpcResult request = Ipc.Wait(Front);
            IpcResult inner = Ipc.Call(Back, 1, new ulong[] { request.Word(0) + 1 });
            s_innerCall = inner.Result;
            if (!request.IsOk || inner.ReplyExpected)
            {
                s_failures++;
            }
            s_frontReply = Ipc.Reply(0, new ulong[] { inner.Word(0) + 1 }).Result;
            Notifications.Notify(Done, 2);
        }
    }
}
