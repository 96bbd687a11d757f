// Zero-timeout polling of a Call's send phase: each try without a waiting server fails at once with ErrSendTimeout
// (send phase, no bit 24); the first that finds the server waiting goes on to wait for the reply as a Call does and
// gets it. The server starts only after the first try failed (the Go notification), so at least one miss is certain.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class CallPollingScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Go = 4, Server = 5;
        private const int MaxPolls = 100_000;
        private static ulong s_request, s_reply;

        public CallPollingScenario() : base("call-polling")
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
            int misses = 0;
            IpcResult reply = Ipc.Call(Endpoint, 5, new ulong[] { 50 }, Timeout.Zero, Timeout.Never);
            Notifications.Notify(Go, 1);
            for (int i = 0; i < MaxPolls && reply.Result == Errors.SendTimeout; i++)
            {
                misses++;
                Threads.Yield();
                reply = Ipc.Call(Endpoint, 5, new ulong[] { 50 }, Timeout.Zero, Timeout.Never);
            }
            check.True(misses > 0, "the poll before the server started found it");
            check.Equal(ResultWord.Ok, reply.Result, "the call that found the server");
            check.Equal(6, reply.Label, "the reply's label");
            check.Words(new ulong[] { 51 }, reply.Words, "the reply");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_request, "the server's receive");
                check.Equal(ResultWord.Ok, s_reply, "the server's reply");
            }
            Workers.Delete(check, new uint[] { Server, Endpoint, Done, Go });
        }

        private static void Serve(ulong argument)
        {
            ulong bits;
            Notifications.Wait(Go, Workers.JoinTimeout, out bits);
            Ipc.Sleep(Timeout.Ticks(10));
            IpcResult request = Ipc.Wait(Endpoint);
            s_request = request.Result;
            s_reply = Ipc.Reply(6, new ulong[] { request.Word(0) + 1 }).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
