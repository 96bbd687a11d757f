// ErrSendPfTimeout and ErrRecvPfTimeout: a page fault during a transfer that the faulting side's pager does not
// resolve within the page-fault timeout (that side's; the other side's is infinite) ends the IPC for both with the
// code of the side that faulted, the receiver's with the receive-phase bit. Both learn how far the copy got (the
// first page: its bytes are in the buffer), and the pager's late reply finds nobody (ErrNoPartner): the nested
// page-fault IPC was withdrawn.
using Verified.User.Library;
using Verified.User.Scenarios.Paging;

namespace Verified.User.Scenarios.Strings
{
    public sealed unsafe class PageFaultTimeoutScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Go = 4, PagerEndpoint = 5, BadgedPager = 6;
        private const uint Sender = 7, Receiver = 8, PagerThread = 9;
        private const uint SourcePage = 150, TargetPage = 152;
        private const ulong PagerBadge = 0x7F, Length = 2 * Layout.PageSize, Seed = 31;
        private static readonly ushort PfTimeout = Timeout.Ticks(12), Hold = Timeout.Ticks(200);
        private static bool s_senderFaults;
        private static ulong s_sent, s_sentMoved, s_received, s_receivedMoved;

        public PageFaultTimeoutScenario() : base("string-page-fault-timeout")
        {
        }

        public override void Run(Check check)
        {
            Round(check, true);
            if (check.Passed)
            {
                Round(check, false);
            }
        }

        private static void Round(Check check, bool senderFaults)
        {
            s_senderFaults = senderFaults;
            s_sent = s_sentMoved = s_received = s_receivedMoved = ulong.MaxValue;
            string side = senderFaults ? "sender faults: " : "receiver faults: ";
            ulong source = Layout.Scratch(SourcePage), target = Layout.Scratch(TargetPage);
            // Every page of both sides is there but the second page of the faulting side.
            UserBytes.Fill(source, senderFaults ? Layout.PageSize : Length, Seed, 0);
            UserBytes.Set(target, senderFaults ? Length : Layout.PageSize, UserBytes.Sentinel);
            if (!UserBytes.Unmap(check, senderFaults ? SourcePage + 1 : TargetPage + 1, 0))
            {
                return;
            }
            ScenarioPager.Prepare(PagerEndpoint, &PageFor, 1, Done, 2, Hold);
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.CreateNotification(check, Go) || !Workers.CreateEndpoint(check, PagerEndpoint)
                || !check.Equal(ResultWord.Ok, Capabilities.Mint(PagerEndpoint, BadgedPager, Capabilities.RightWrite, PagerBadge),
                    "a badged pager capability")
                || !Workers.Start(check, PagerThread, 3, &ScenarioPager.Serve, 0)
                || !Workers.Start(check, Receiver, 2, &Receive, 0)
                || !Workers.Start(check, Sender, 1, &Send, 0))
            {
                Cleanup(check);
                return;
            }
            ulong code = senderFaults ? Errors.SendPfTimeout : Errors.RecvPfTimeout;
            if (check.Equal(ResultWord.Ok, ThreadControl.Pager(senderFaults ? Sender : Receiver, BadgedPager), "the faulting side's pager")
                && check.Equal(ResultWord.Ok, Notifications.Notify(Go, 1), "go")
                && Workers.Join(check, Done, 7))
            {
                check.Equal(code, s_sent, string.Concat(side, "send"));
                check.Equal(code | ResultWord.ReceivePhaseBit, s_received, string.Concat(side, "receive"));
                check.Equal(Layout.PageSize, s_sentMoved, string.Concat(side, "bytes moved, at the sender"));
                check.Equal(Layout.PageSize, s_receivedMoved, string.Concat(side, "bytes moved, at the receiver"));
                UserBytes.HasPattern(check, target, Layout.PageSize, Seed, 0, string.Concat(side, "the first page"));
                if (check.Equal(1, (ulong)ScenarioPager.Count, string.Concat(side, "page faults")))
                {
                    check.Equal((senderFaults ? source : target) + Layout.PageSize, ScenarioPager.Address[0],
                        string.Concat(side, "the fault's address"));
                    check.Equal(ScenarioPager.NestedBit | (senderFaults ? ScenarioPager.ReadCode : ScenarioPager.WriteCode),
                        ScenarioPager.Code[0], string.Concat(side, "the fault's code"));
                    check.Equal(Errors.NoPartner, ScenarioPager.HeldReply, string.Concat(side, "the pager's late reply"));
                }
            }
            Cleanup(check);
        }

        private static void Cleanup(Check check)
        {
            Workers.Delete(check, new uint[] { Sender, Receiver, PagerThread, BadgedPager, PagerEndpoint, Go, Endpoint, Done });
        }

        private static ulong PageFor(ulong page)
        {
            ulong faulting = s_senderFaults ? Layout.Scratch(SourcePage + 1) : Layout.Scratch(TargetPage + 1);
            return page == faulting ? page : 0;
        }

        private static void Send(ulong argument)
        {
            ulong bits;
            Notifications.Wait(Go, Timeout.Never, out bits);
            ulong timeouts = Timeout.Word(Timeout.Never, Timeout.Never, s_senderFaults ? PfTimeout : Timeout.Never, Timeout.Never);
            s_sent = Ipc.Send(Endpoint, new MessageFrame(1).Put(TypedItem.String(Layout.Scratch(SourcePage), Length)), timeouts).Result;
            s_sentMoved = Utcb.Transferred;
            Notifications.Notify(Done, 1);
        }

        private static void Receive(ulong argument)
        {
            Memory.SetStringBuffer(0, 1, Layout.Scratch(TargetPage), Length);
            ulong timeouts = Timeout.Word(Timeout.Never, Timeout.Never, Timeout.Never, s_senderFaults ? Timeout.Never : PfTimeout);
            s_received = Ipc.Invoke(Ipc.Nil, Endpoint, timeouts, 0, Ipc.NoWords).Result;
            s_receivedMoved = Utcb.Transferred;
            Notifications.Notify(Done, 4);
        }
    }
}
