// A string item whose source is the kernel's memory: the copy walks the sender's space with ring 3's rights, so the
// first byte already faults (a present page without the User bit: P and U in the #PF code, and the nested bit), the
// nested page-fault IPC goes to the sender's pager, which does not resolve it, and the send page-fault timeout ends
// the IPC on both sides with nothing moved: no byte of the kernel reaches the receiver.
using Verified.User.Library;
using Verified.User.Scenarios;
using Verified.User.Scenarios.Paging;

namespace Verified.User.Robustness
{
    internal sealed unsafe class KernelStringScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Go = 4, PagerEndpoint = 5, BadgedPager = 6;
        private const uint Sender = 7, Receiver = 8, PagerThread = 9;
        private const uint TargetPage = 152;
        private const ulong PagerBadge = 0x7E, Length = 64, PresentAndUser = 5;
        private static readonly ushort PfTimeout = Timeout.Ticks(12), Hold = Timeout.Ticks(200);
        private static ulong s_sent, s_sentMoved, s_received, s_receivedMoved;

        public KernelStringScenario() : base("robust-string-item-from-kernel-memory")
        {
        }

        public override void Run(Check check)
        {
            s_sent = s_sentMoved = s_received = s_receivedMoved = ulong.MaxValue;
            ulong target = Layout.Scratch(TargetPage);
            UserBytes.Set(target, Length, UserBytes.Sentinel);
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
            if (check.Equal(ResultWord.Ok, ThreadControl.Pager(Sender, BadgedPager), "the sender's pager")
                && check.Equal(ResultWord.Ok, Notifications.Notify(Go, 1), "go")
                && Workers.Join(check, Done, 7))
            {
                check.Equal(Errors.SendPfTimeout, s_sent, "send");
                check.Equal(Errors.SendPfTimeout | ResultWord.ReceivePhaseBit, s_received, "receive");
                check.Equal(0, s_sentMoved, "bytes moved, at the sender");
                check.Equal(0, s_receivedMoved, "bytes moved, at the receiver");
                check.Equal(UserBytes.Sentinel, Machine.ReadByte(target), "the receiver's buffer");
                if (check.Equal(1, (ulong)ScenarioPager.Count, "page faults"))
                {
                    check.Equal(Probes.KernelCode, ScenarioPager.Address[0], "the fault's address");
                    check.Equal(ScenarioPager.NestedBit | PresentAndUser, ScenarioPager.Code[0], "the fault's code");
                }
            }
            Cleanup(check);
        }

        private static void Cleanup(Check check)
        {
            Workers.Delete(check, new uint[] { Sender, Receiver, PagerThread, BadgedPager, PagerEndpoint, Go, Endpoint, Done });
        }

        // The kernel's page is "the scenario's": recorded and held, never mapped (the pager could not map it anyway).
        private static ulong PageFor(ulong page) => page == Probes.KernelCode ? page : 0;

        private static void Send(ulong argument)
        {
            ulong bits;
            Notifications.Wait(Go, Timeout.Never, out bits);
            ulong timeouts = Timeout.Word(Timeout.Never, Timeout.Never, PfTimeout, Timeout.Never);
            s_sent = Ipc.Send(Endpoint, new MessageFrame(1).Put(TypedItem.String(Probes.KernelCode, Length)), timeouts).Result;
            s_sentMoved = Utcb.Transferred;
            Notifications.Notify(Done, 1);
        }

        private static void Receive(ulong argument)
        {
            Memory.SetStringBuffer(0, 1, Layout.Scratch(TargetPage), Length);
            s_received = Ipc.Wait(Endpoint).Result;
            s_receivedMoved = Utcb.Transferred;
            Notifications.Notify(Done, 4);
        }
    }
}
