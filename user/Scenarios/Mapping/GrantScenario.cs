// A grant item moves the sender's mapping: the receiver reads the sender's word in its window, and the sender's page
// is gone (its next read faults and the pager gives a fresh zero page). A grant needs RightGrant on the send
// endpoint: without it the send is refused before anything moves.
using Verified.User.Library;

namespace Verified.User.Scenarios.Mapping
{
    public sealed unsafe class GrantScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Receiver = 4, Grantless = 5;
        private const uint SourcePage = 100, WindowPage = 101, KeptPage = 102;
        private static ulong s_received, s_detail, s_seen;

        public GrantScenario() : base("grant-item")
        {
        }

        public override void Run(Check check)
        {
            s_received = s_detail = s_seen = ulong.MaxValue;
            ulong source = Layout.Scratch(SourcePage), kept = Layout.Scratch(KeptPage);
            Machine.WriteWord(source, 0x6A);
            Machine.WriteWord(kept, 0x6B);
            if (!UserBytes.Unmap(check, WindowPage, 0) || !Workers.CreateEndpoint(check, Endpoint)
                || !Workers.CreateNotification(check, Done)
                || !check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, Grantless, Capabilities.RightRead | Capabilities.RightWrite),
                    "an endpoint capability without RightGrant"))
            {
                return;
            }
            MessageFrame refused = new MessageFrame(1).Put(TypedItem.Grant(Memory.Flexpage(kept, 0, Memory.RightsRW)));
            check.Equal(Errors.CapsInvalidArgument, Ipc.Send(Grantless, refused, Timeout.Word(Timeout.Zero, Timeout.Never)).Result,
                "a grant without RightGrant");
            check.Equal(0x6B, Machine.ReadWord(kept), "the page a refused grant named");
            if (!Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                Workers.Delete(check, new uint[] { Grantless, Endpoint, Done });
                return;
            }
            MessageFrame grant = new MessageFrame(2).Put(TypedItem.Grant(Memory.Flexpage(source, 0, Memory.RightsRW)));
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, grant).Result, "send a grant item");
            check.Equal(0, Utcb.ErrorDetail, "the granter's error detail");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_received, "receive a grant item");
                check.Equal(0, s_detail, "the receiver's error detail");
                check.Equal(0x6A, s_seen, "the granter's word, read in the window");
                check.Equal(0, Machine.ReadWord(source), "the granted page, read by the granter (a fresh page)");
                check.Equal(0x6A, Machine.ReadWord(Layout.Scratch(WindowPage)), "the window after the granter's read");
            }
            Workers.Delete(check, new uint[] { Receiver, Grantless, Endpoint, Done });
            UserBytes.Unmap(check, WindowPage, 0);
        }

        private static void Receive(ulong argument)
        {
            Memory.Accept(Memory.Flexpage(Layout.Scratch(WindowPage), 0, Memory.RightsRW), false, 0);
            s_received = Ipc.Wait(Endpoint).Result;
            s_detail = Utcb.ErrorDetail;
            s_seen = Machine.ReadWord(Layout.Scratch(WindowPage));
            Notifications.Notify(Done, 1);
        }
    }
}
