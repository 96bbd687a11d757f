// Deleting capabilities while threads use the endpoint: a queued sender stays queued when only the copy it sent
// through is deleted (the send was allowed when it was made) and is received later; a caller already past the
// rendezvous waits for the server, not on the endpoint, so destroying the endpoint does not end its call.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class QueuedAcrossDeleteScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Copy = 4, Sender = 5, Caller = 6;
        private static ulong s_sent;
        private static IpcResult? s_call;

        public QueuedAcrossDeleteScenario() : base("queued-across-delete")
        {
        }

        public override void Run(Check check)
        {
            s_sent = ulong.MaxValue;
            s_call = null;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, Copy), "copy"))
            {
                return;
            }
            if (Workers.Start(check, Sender, 1, &Send, 0) && Workers.WaitForState(check, Sender, ThreadStates.SendBlocked))
            {
                check.Equal(ResultWord.Ok, Capabilities.Delete(Copy), "delete the copy the sender used");
                check.Equal(ThreadStates.SendBlocked, Threads.StateOf(Sender), "the sender after the delete");
                IpcResult received = Ipc.Wait(Endpoint);
                check.Equal(ResultWord.Ok, received.Result, "receive");
                check.Words(new ulong[] { 30 }, received.Words, "the queued message");
            }
            if (Workers.Start(check, Caller, 2, &Call, 0))
            {
                IpcResult request = Ipc.Wait(Endpoint);
                check.Equal(ResultWord.Ok, request.Result, "take the call");
                check.Equal(ResultWord.Ok, Capabilities.Delete(Endpoint), "destroy the endpoint");
                check.Equal(ResultWord.Ok, Ipc.Reply(7, new ulong[] { 70 }).Result, "reply after the endpoint is gone");
            }
            if (Workers.Join(check, Done, 3) && s_call is not null)
            {
                check.Equal(ResultWord.Ok, s_sent, "the queued sender");
                check.Equal(ResultWord.Ok, s_call.Result, "the call");
                check.Words(new ulong[] { 70 }, s_call.Words, "its reply");
            }
            Workers.Delete(check, new uint[] { Sender, Caller, Done });
        }

        private static void Send(ulong argument)
        {
            s_sent = Ipc.Send(Copy, 3, new ulong[] { 30 }).Result;
            Notifications.Notify(Done, 1);
        }

        private static void Call(ulong argument)
        {
            s_call = Ipc.Call(Endpoint, 6, new ulong[] { 60 });
            Notifications.Notify(Done, 2);
        }
    }
}
