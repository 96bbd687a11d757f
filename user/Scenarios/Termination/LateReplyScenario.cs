// ErrRecvTimeout in a Call's receive phase: the server took the request and holds it past the caller's reply
// timeout; its late Reply then has no partner.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class LateReplyScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Go = 4, Server = 5;
        private static ulong s_request, s_reply;

        public LateReplyScenario() : base("late-reply-after-timeout")
        {
        }

        public override void Run(Check check)
        {
            s_request = s_reply = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.CreateNotification(check, Go) || !Workers.Start(check, Server, 1, &Serve, 0))
            {
                return;
            }
            check.Equal(Errors.RecvTimeout | ResultWord.ReceivePhaseBit,
                Ipc.Call(Endpoint, 1, new ulong[] { 1 }, Timeout.Never, Timeout.Ticks(10)).Result, "call");
            Notifications.Notify(Go, 1);
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_request, "request");
                check.Equal(Errors.NoPartner, s_reply, "late reply");
            }
            Workers.Delete(check, new uint[] { Server, Endpoint, Done, Go });
        }

        private static void Serve(ulong argument)
        {
            s_request = Ipc.Wait(Endpoint).Result;
            ulong bits;
            Notifications.Wait(Go, Timeout.Never, out bits);
            s_reply = Ipc.Reply(1, new ulong[] { 1 }).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
