// Termination case OK for a Send and an open Wait, in both orders (made certain by waiting for the other side's
// state): a Send to a waiting receiver and a Wait finding a blocked sender. The receiver gets the words, the label
// and the badge of the capability the sender used (0 for an unbadged one).
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class SendReceiveScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Badged = 4, Receiver = 5, Sender = 6;
        private const ulong Badge = 0xBAD6E;
        private static IpcResult? s_received;
        private static ulong s_sent;

        public SendReceiveScenario() : base("send-receive")
        {
        }

        public override void Run(Check check)
        {
            s_received = null;
            s_sent = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !check.Equal(ResultWord.Ok, Capabilities.Mint(Endpoint, Badged, Capabilities.AllRights, Badge), "mint"))
            {
                return;
            }
            SendToWaitingReceiver(check);
            WaitForBlockedSender(check);
            Workers.Delete(check, new uint[] { Receiver, Sender, Badged, Endpoint, Done });
        }

        private static void SendToWaitingReceiver(Check check)
        {
            if (!Workers.Start(check, Receiver, 1, &Receive, 0) || !Workers.WaitForState(check, Receiver, ThreadStates.RecvBlocked))
            {
                return;
            }
            ulong[] words = Workers.Sequence(8, 1);
            check.Equal(ResultWord.Ok, Ipc.Send(Badged, 0x77, words).Result, "send to a waiting receiver");
            if (Workers.Join(check, Done, 1) && s_received is not null)
            {
                check.Equal(ResultWord.Ok, s_received.Result, "receive");
                check.Equal(Badge, s_received.Badge, "badge");
                check.Equal(0x77, s_received.Label, "label");
                check.True(!s_received.ReplyExpected, "a Send expects no reply");
                check.Words(words, s_received.Words, "words");
            }
        }

        private static void WaitForBlockedSender(Check check)
        {
            if (!Workers.Start(check, Sender, 2, &Send, 0) || !Workers.WaitForState(check, Sender, ThreadStates.SendBlocked))
            {
                return;
            }
            IpcResult received = Ipc.Wait(Endpoint);
            check.Equal(ResultWord.Ok, received.Result, "wait finding a blocked sender");
            check.Equal(0, received.Badge, "badge of the unbadged capability");
            check.Equal(9, received.Label, "label");
            check.Words(new ulong[] { 42 }, received.Words, "words");
            if (Workers.Join(check, Done, 2))
            {
                check.Equal(ResultWord.Ok, s_sent, "send");
            }
        }

        private static void Receive(ulong argument)
        {
            s_received = Ipc.Wait(Endpoint);
            Notifications.Notify(Done, 1);
        }

        private static void Send(ulong argument)
        {
            s_sent = Ipc.Send(Endpoint, 9, new ulong[] { 42 }).Result;
            Notifications.Notify(Done, 2);
        }
    }
}
