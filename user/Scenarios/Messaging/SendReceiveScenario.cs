// Termination case OK for a Send and an open Wait, whichever side arrives first: the receiver gets the words, the
// label and the badge of the capability the sender used.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class SendReceiveScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Badged = 4, Receiver = 5;
        private const ulong Badge = 0xBAD6E;
        private static IpcResult? s_received;

        public SendReceiveScenario() : base("send-receive")
        {
        }

        public override void Run(Check check)
        {
            s_received = null;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !check.Equal(ResultWord.Ok, Capabilities.Mint(Endpoint, Badged, Capabilities.AllRights, Badge), "mint")
                || !Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            ulong[] words = Workers.Sequence(8, 1);
            check.Equal(ResultWord.Ok, Ipc.Send(Badged, 0x77, words).Result, "send");
            if (Workers.Join(check, Done, 1) && s_received is not null)
            {
                check.Equal(ResultWord.Ok, s_received.Result, "receive");
                check.Equal(Badge, s_received.Badge, "badge");
                check.Equal(0x77, s_received.Label, "label");
                check.True(!s_received.ReplyExpected, "a Send expects no reply");
                check.Words(words, s_received.Words, "words");
            }
            Workers.Delete(check, new uint[] { Receiver, Badged, Endpoint, Done });
        }

        private static void Receive(ulong argument)
        {
            s_received = Ipc.Wait(Endpoint);
            Notifications.Notify(Done, 1);
        }
    }
}
