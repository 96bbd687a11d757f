// A closed receive takes the named thread's Call out of the endpoint's queue; the reply goes back to it.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class ClosedReceiveScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Caller = 4;
        private static IpcResult? s_reply;

        public ClosedReceiveScenario() : base("closed-receive")
        {
        }

        public override void Run(Check check)
        {
            s_reply = null;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Caller, 1, &Call, 0)
                || !Workers.WaitForState(check, Caller, ThreadStates.CallBlocked))
            {
                return;
            }
            IpcResult request = Ipc.Receive(Caller);
            check.Equal(ResultWord.Ok, request.Result, "closed receive");
            check.True(request.ReplyExpected, "the caller waits for a reply");
            check.Words(new ulong[] { 7 }, request.Words, "request");
            check.Equal(ResultWord.Ok, Ipc.Reply(6, new ulong[] { 70 }).Result, "reply");
            if (Workers.Join(check, Done, 1) && s_reply is not null)
            {
                check.Equal(ResultWord.Ok, s_reply.Result, "call");
                check.Words(new ulong[] { 70 }, s_reply.Words, "answer");
            }
            Workers.Delete(check, new uint[] { Caller, Endpoint, Done });
        }

        private static void Call(ulong argument)
        {
            s_reply = Ipc.Call(Endpoint, 5, new ulong[] { 7 });
            Notifications.Notify(Done, 1);
        }
    }
}
