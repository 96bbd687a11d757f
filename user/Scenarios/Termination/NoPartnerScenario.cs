// Termination case ErrNoPartner: a Reply or ReplyWait with no request received fails its send phase (so the
// ReplyWait does not block), and a Reply to a Send has nobody to answer while the sender is OK.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed unsafe class NoPartnerScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Sender = 4;
        private static ulong s_sent;

        public NoPartnerScenario() : base("no-partner")
        {
        }

        public override void Run(Check check)
        {
            s_sent = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done))
            {
                return;
            }
            check.Equal(Errors.NoPartner, Ipc.Reply(1, new ulong[] { 1 }).Result, "reply before any request");
            check.Equal(Errors.NoPartner, Ipc.ReplyWait(Endpoint, 1, new ulong[] { 1 }).Result, "replywait before any request");
            if (!Workers.Start(check, Sender, 1, &Send, 0))
            {
                return;
            }
            check.Equal(ResultWord.Ok, Ipc.Wait(Endpoint).Result, "wait");
            check.Equal(Errors.NoPartner, Ipc.Reply(1, new ulong[] { 1 }).Result, "reply to a Send");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_sent, "send");
            }
            Workers.Delete(check, new uint[] { Sender, Endpoint, Done });
        }

        private static void Send(ulong argument)
        {
            s_sent = Ipc.Send(Endpoint, 1, new ulong[] { 1 }).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
