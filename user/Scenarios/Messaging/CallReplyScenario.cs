// A Call and its Reply: the server sees the reply-expected bit, the caller gets the answer in the same call.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class CallReplyScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Server = 4;
        private static IpcResult? s_request;
        private static ulong s_replied;

        public CallReplyScenario() : base("call-reply")
        {
        }

        public override void Run(Check check)
        {
            s_request = null;
            s_replied = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Server, 1, &Serve, 0))
            {
                return;
            }
            IpcResult reply = Ipc.Call(Endpoint, 3, new ulong[] { 21 });
            check.Equal(ResultWord.Ok, reply.Result, "call");
            check.Equal(4, reply.Label, "reply label");
            check.Words(new ulong[] { 42 }, reply.Words, "reply");
            check.True(!reply.ReplyExpected, "a reply expects no reply");
            if (Workers.Join(check, Done, 1) && s_request is not null)
            {
                check.Equal(ResultWord.Ok, s_request.Result, "request");
                check.True(s_request.ReplyExpected, "a Call expects a reply");
                check.Equal(0, s_request.Badge, "badge of an unbadged capability");
                check.Equal(ResultWord.Ok, s_replied, "reply");
            }
            Workers.Delete(check, new uint[] { Server, Endpoint, Done });
        }

        private static void Serve(ulong argument)
        {
            IpcResult request = Ipc.Wait(Endpoint);
            s_request = request;
            s_replied = Ipc.Reply(4, new ulong[] { request.Word(0) * 2 }).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
