// ErrNestedPf: the nested page-fault IPC of a transfer fails, so the outer IPC ends for both sides (the receiver's
// with the receive-phase bit), after the first page's bytes arrived. Once because the faulting thread is canceled
// (ExchangeRegisters bit 0) while its pager holds the fault (the pager's late reply then finds nobody), once because
// the pager thread is deleted while it holds it (a second pager thread then serves the endpoint, so that later faults
// of the sender's code are still answered).
using Verified.User.Library;
using Verified.User.Scenarios.Paging;

namespace Verified.User.Scenarios.Strings
{
    public sealed unsafe class NestedFaultEndsScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Go = 4, PagerEndpoint = 5, BadgedPager = 6;
        private const uint Sender = 7, Receiver = 8, PagerThread = 9, SecondPager = 10;
        private const uint SourcePage = 160, TargetPage = 162;
        private const ulong PagerBadge = 0x8F, Length = 2 * Layout.PageSize, Seed = 41;
        private static readonly ushort Hold = Timeout.Ticks(300);
        private static ulong s_sent, s_sentMoved, s_received, s_receivedMoved;

        public NestedFaultEndsScenario() : base("string-nested-fault-fails")
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

        private static void Round(Check check, bool cancel)
        {
            s_sent = s_sentMoved = s_received = s_receivedMoved = ulong.MaxValue;
            string how = cancel ? "canceled: " : "pager deleted: ";
            ulong source = Layout.Scratch(SourcePage), target = Layout.Scratch(TargetPage);
            UserBytes.Fill(source, Layout.PageSize, Seed, 0);
            UserBytes.Set(target, Length, UserBytes.Sentinel);
            if (!UserBytes.Unmap(check, SourcePage + 1, 0))
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
                Cleanup(check, true);
                return;
            }
            if (!check.Equal(ResultWord.Ok, ThreadControl.Pager(Sender, BadgedPager), "the sender's pager")
                || !check.Equal(ResultWord.Ok, Notifications.Notify(Go, 1), "go") || !WaitForTheFault(check))
            {
                Cleanup(check, true);
                return;
            }
            check.Equal(source + Layout.PageSize, ScenarioPager.Address[0], string.Concat(how, "the fault's address"));
            ulong state;
            if (cancel)
            {
                check.Equal(ResultWord.Ok, Threads.Cancel(Sender, out state), "cancel the faulting sender");
                check.Equal(ThreadStates.XferSend, state, "the faulting sender's state (in its transfer)");
            }
            else
            {
                // Faults the sender's own code makes later must still be answered: a second pager thread.
                Workers.Delete(check, PagerThread);
                ScenarioPager.Prepare(PagerEndpoint, &PageFor, 1, Done, 2);
                if (!Workers.Start(check, SecondPager, 3, &ScenarioPager.Serve, 0))
                {
                    Cleanup(check, false);
                    return;
                }
            }
            if (Workers.Join(check, Done, cancel ? 7UL : 5UL))
            {
                check.Equal(Errors.NestedPf, s_sent, string.Concat(how, "send"));
                check.Equal(Errors.NestedPf | ResultWord.ReceivePhaseBit, s_received, string.Concat(how, "receive"));
                check.Equal(Layout.PageSize, s_sentMoved, string.Concat(how, "bytes moved, at the sender"));
                check.Equal(Layout.PageSize, s_receivedMoved, string.Concat(how, "bytes moved, at the receiver"));
                UserBytes.HasPattern(check, target, Layout.PageSize, Seed, 0, string.Concat(how, "the first page"));
                UserBytes.AllAre(check, target + Layout.PageSize, Layout.PageSize, UserBytes.Sentinel, string.Concat(how, "the second page"));
                if (cancel)
                {
                    check.Equal(Errors.NoPartner, ScenarioPager.HeldReply, "the pager's late reply");
                }
            }
            Cleanup(check, cancel);
        }

        // The pager records the fault before it holds it: a tick of sleep between two looks.
        private static bool WaitForTheFault(Check check)
        {
            for (int i = 0; i < Workers.StatePolls && ScenarioPager.Count == 0; i++)
            {
                Ipc.Sleep(Timeout.Ticks(1));
            }
            return check.Equal(1, (ulong)ScenarioPager.Count, "the fault at the pager");
        }

        private static void Cleanup(Check check, bool cancel)
        {
            Workers.Delete(check, new uint[] { Sender, Receiver, cancel ? PagerThread : SecondPager, BadgedPager, PagerEndpoint, Go,
                Endpoint, Done });
        }

        private static ulong PageFor(ulong page) => page == Layout.Scratch(SourcePage + 1) ? page : 0;

        private static void Send(ulong argument)
        {
            ulong bits;
            Notifications.Wait(Go, Timeout.Never, out bits);
            s_sent = Ipc.Send(Endpoint, new MessageFrame(1).Put(TypedItem.String(Layout.Scratch(SourcePage), Length))).Result;
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
