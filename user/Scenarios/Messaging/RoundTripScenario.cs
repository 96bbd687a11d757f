// Call and ReplyWait with three words each way: the server sees the badge of the client's capability, the label, the
// words and the reply-expected bit; the client gets the answer's label and words, no reply-expected bit and no badge;
// the server's ReplyWait then times out in its receive phase when no further request comes.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class RoundTripScenario : Scenario
    {
        private const uint Endpoint = 2, Badged = 3, Done = 4, Server = 5;
        private const ulong Badge = 0xBAD6E;
        private static IpcResult? s_request;
        private static ulong s_next;

        public RoundTripScenario() : base("round-trip")
        {
        }

        public override void Run(Check check)
        {
            s_request = null;
            s_next = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !check.Equal(ResultWord.Ok, Capabilities.Mint(Endpoint, Badged, Capabilities.AllRights, Badge), "mint a badged copy"))
            {
                return;
            }
            if (Workers.Start(check, Server, 1, &Serve, 0))
            {
                IpcResult reply = Ipc.Call(Badged, 0x42, new ulong[] { 10, 20, 30 });
                check.Equal(ResultWord.Ok, reply.Result, "the call");
                check.Equal(0x43, reply.Label, "the answer's label");
                check.True(!reply.ReplyExpected, "an answer expects no reply");
                check.Equal(0, reply.Badge, "the badge of an answer");
                check.Words(new ulong[] { 60, 6000, 7 }, reply.Words, "the answer");
                if (Workers.Join(check, Done, 1) && s_request is not null)
                {
                    check.Equal(ResultWord.Ok, s_request.Result, "the server's receive");
                    check.Equal(Badge, s_request.Badge, "the badge the server saw");
                    check.True(s_request.ReplyExpected, "a Call expects a reply");
                    check.Equal(0x42, s_request.Label, "the request's label");
                    check.Words(new ulong[] { 10, 20, 30 }, s_request.Words, "the request");
                    check.Equal(Errors.RecvTimeout | ResultWord.ReceivePhaseBit, s_next, "the server's next wait");
                }
            }
            Workers.Delete(check, new uint[] { Server, Badged, Endpoint, Done });
        }

        private static void Serve(ulong argument)
        {
            IpcResult request = Ipc.Wait(Endpoint);
            s_request = request;
            ulong[] w = request.Words.Length == 3 ? request.Words : new ulong[] { 0, 0, 0 };
            s_next = Ipc.ReplyWait(Endpoint, 0x43, new ulong[] { w[0] + w[1] + w[2], w[0] * w[1] * w[2], 7 }, Timeout.Ticks(40)).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
