// A closed receive takes the message of the named thread that is blocked sending (a Send, not a Call): the receiver
// gets its label and words and no reply-expected bit, and the sender's Send completes with OK.
using Verified.User.Library;

namespace Verified.User.Scenarios.Messaging
{
    public sealed unsafe class ClosedReceiveSendScenario : Scenario
    {
        private const uint Endpoint = 2, Badged = 3, Done = 4, Sender = 5;
        private static ulong s_sent;

        public ClosedReceiveSendScenario() : base("closed-receive-send")
        {
        }

        public override void Run(Check check)
        {
            s_sent = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !check.Equal(ResultWord.Ok, Capabilities.Mint(Endpoint, Badged, Capabilities.AllRights, 0xBAD6E), "mint a badged copy"))
            {
                return;
            }
            if (Workers.Start(check, Sender, 1, &Send, 0) && Workers.WaitForState(check, Sender, ThreadStates.SendBlocked))
            {
                IpcResult received = Ipc.Receive(Sender, Workers.JoinTimeout);
                check.Equal(ResultWord.Ok, received.Result, "the closed receive");
                check.Equal(0x5, received.Label, "its label");
                check.True(!received.ReplyExpected, "a Send expects no reply");
                check.Words(new ulong[] { 4, 5 }, received.Words, "its words");
                if (Workers.Join(check, Done, 1))
                {
                    check.Equal(ResultWord.Ok, s_sent, "the sender");
                }
            }
            Workers.Delete(check, new uint[] { Sender, Badged, Endpoint, Done });
        }

        private static void Send(ulong argument)
        {
            s_sent = Ipc.Send(Badged, 0x5, new ulong[] { 4, 5 }).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
