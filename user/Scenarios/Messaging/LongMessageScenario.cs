// Messages through the UTCB too (MR1..MR8 in registers, MR9.. through both UTCBs): 63 words each way, then a call of
// 9 words answered by ReplyWait with 20 (the reply and the next wait in one syscall, as a server loop does), and an
// empty message that carries only its label, received by that ReplyWait.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class LongMessageScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Server = 4;
        private static IpcResult? s_request;
        private static IpcResult? s_second;
        private static IpcResult? s_empty;

        public LongMessageScenario() : base("long-message")
        {
        }

        public override void Run(Check check)
        {
            s_request = null;
            s_second = null;
            s_empty = null;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Server, 1, &Serve, 0))
            {
                return;
            }
            IpcResult reply = Ipc.Call(Endpoint, 1, Workers.Sequence(63, 100));
            check.Equal(ResultWord.Ok, reply.Result, "call");
            check.Words(Workers.Sequence(63, 1000), reply.Words, "reply");
            IpcResult second = Ipc.Call(Endpoint, 3, Workers.Sequence(9, 200));
            check.Equal(ResultWord.Ok, second.Result, "second call");
            check.Equal(4, second.Label, "label of the second reply");
            check.Words(Workers.Sequence(20, 2000), second.Words, "second reply");
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, 0xFFFF_FFFF_FFF0, Ipc.NoWords).Result, "send of an empty message");
            if (Workers.Join(check, Done, 1) && s_request is not null && s_second is not null && s_empty is not null)
            {
                check.Words(Workers.Sequence(63, 100), s_request.Words, "request");
                check.Words(Workers.Sequence(9, 200), s_second.Words, "second request");
                check.Equal(ResultWord.Ok, s_empty.Result, "receive of an empty message");
                check.Equal(0xFFFF_FFFF_FFF0, s_empty.Label, "label of an empty message");
                check.Equal(0, (ulong)s_empty.Words.Length, "words of an empty message");
            }
            Workers.Delete(check, new uint[] { Server, Endpoint, Done });
        }

        private static void Serve(ulong argument)
        {
            s_request = Ipc.Wait(Endpoint);
            Ipc.Reply(2, Workers.Sequence(63, 1000));
            s_second = Ipc.Wait(Endpoint);
            s_empty = Ipc.ReplyWait(Endpoint, 4, Workers.Sequence(20, 2000));
            Notifications.Notify(Done, 1);
        }
    }
}
