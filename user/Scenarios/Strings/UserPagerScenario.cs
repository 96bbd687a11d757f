// Nested page faults served by a pager thread of the scenario: the sender's and the receiver's pager is an endpoint
// the scenario serves. The transfer runs over a source whose second and third pages and a buffer whose four pages
// are not mapped; each fault arrives in copy order as a Call with the page-fault label, the exact faulting address,
// the #PF code with the nested bit (a read of the sender's memory, a write of the receiver's) and the badge of the
// pager capability. The pager maps pages of its own (the source's continuation written beforehand), the copy resumes
// at the faulting byte, and the whole string arrives.
using Verified.User.Library;
using Verified.User.Scenarios.Paging;

namespace Verified.User.Scenarios.Strings
{
    public sealed unsafe class UserPagerScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Go = 4, PagerEndpoint = 5, BadgedPager = 6;
        private const uint Sender = 7, Receiver = 8, PagerThread = 9;
        private const uint SourcePage = 20, TargetPage = 24, SourceCopies = 28, TargetPages = 30;
        private const ulong PagerBadge = 0x9A6E;
        private const ulong Offset = 10, Length = 3 * Layout.PageSize - Offset, Seed = 5;
        private const int Faults = 6;
        private static readonly ulong Source = Layout.Scratch(SourcePage) + Offset;
        private static readonly ulong Buffer = Layout.Scratch(TargetPage) + 0x800;
        private static ulong s_sent, s_sentMoved, s_received, s_receivedMoved;

        public UserPagerScenario() : base("string-user-pager")
        {
        }

        public override void Run(Check check)
        {
            s_sent = s_sentMoved = s_received = s_receivedMoved = ulong.MaxValue;
            ScenarioPager.Prepare(PagerEndpoint, &PageFor, Faults, Done, 2);
            if (!UserBytes.Unmap(check, SourcePage, 2) || !UserBytes.Unmap(check, TargetPage, 2))
            {
                return;
            }
            // The sender's first page, and the pager's copies of the second and third (the pattern goes on there).
            ulong first = Layout.PageSize - Offset;
            UserBytes.Fill(Source, first, Seed, 0);
            UserBytes.Fill(Layout.Scratch(SourceCopies), Layout.PageSize, Seed, first);
            UserBytes.Fill(Layout.Scratch(SourceCopies + 1), Length - first - Layout.PageSize, Seed, first + Layout.PageSize);
            for (uint i = 0; i < 4; i++)
            {
                Machine.WriteWord(Layout.Scratch(TargetPages + i), 0);   // the pager's pages for the buffer are there
            }
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
            // The sender touches none of these pages before Go; the receiver none before the transfer.
            if (check.Equal(ResultWord.Ok, ThreadControl.Pager(Sender, BadgedPager), "the sender's pager")
                && check.Equal(ResultWord.Ok, ThreadControl.Pager(Receiver, BadgedPager), "the receiver's pager")
                && check.Equal(ResultWord.Ok, Notifications.Notify(Go, 1), "go")
                && Workers.Join(check, Done, 7))
            {
                check.Equal(ResultWord.Ok, s_sent, "send");
                check.Equal(ResultWord.Ok, s_received, "receive");
                check.Equal(Length, s_sentMoved, "bytes moved, at the sender");
                check.Equal(Length, s_receivedMoved, "bytes moved, at the receiver");
                CheckFaults(check);
                UserBytes.HasPattern(check, Buffer, Length, Seed, 0, "the string");
            }
            Cleanup(check);
        }

        // In copy order: the buffer starts unmapped (offset 0), its pages end at string offsets 2048, 6144 and
        // 10240, the source's at 4086 and 8182.
        private static void CheckFaults(Check check)
        {
            ulong source = Layout.Scratch(SourcePage), target = Layout.Scratch(TargetPage);
            ulong[] address = { Buffer, target + 0x1000, source + 0x1000, target + 0x2000, source + 0x2000, target + 0x3000 };
            ulong[] code = { ScenarioPager.WriteCode, ScenarioPager.WriteCode, ScenarioPager.ReadCode, ScenarioPager.WriteCode,
                ScenarioPager.ReadCode, ScenarioPager.WriteCode };
            if (!check.Equal(Faults, (ulong)ScenarioPager.Count, "page faults served"))
            {
                return;
            }
            for (int i = 0; i < Faults; i++)
            {
                check.Equal(ScenarioPager.PageFaultLabel, ScenarioPager.Label[i], "the label of a nested page fault (a Call)");
                check.Equal(PagerBadge, ScenarioPager.Badge[i], "the badge of a nested page fault");
                check.Equal(address[i], ScenarioPager.Address[i], string.Concat("the address of fault ", i.ToString()));
                check.Equal(ScenarioPager.NestedBit | code[i], ScenarioPager.Code[i], string.Concat("the code of fault ", i.ToString()));
            }
        }

        private static void Cleanup(Check check)
        {
            Workers.Delete(check, new uint[] { Sender, Receiver, PagerThread, BadgedPager, PagerEndpoint, Go, Endpoint, Done });
            // The pages the pager mapped into the source and the buffer.
            UserBytes.Unmap(check, SourcePage, 2);
            UserBytes.Unmap(check, TargetPage, 2);
        }

        private static ulong PageFor(ulong page)
        {
            ulong source = Layout.Scratch(SourcePage), target = Layout.Scratch(TargetPage);
            if (page >= source + Layout.PageSize && page < source + 3 * Layout.PageSize)
            {
                return Layout.Scratch(SourceCopies) + (page - source - Layout.PageSize);
            }
            if (page >= target && page < target + 4 * Layout.PageSize)
            {
                return Layout.Scratch(TargetPages) + (page - target);
            }
            return 0;
        }

        private static void Send(ulong argument)
        {
            ulong bits;
            Notifications.Wait(Go, Timeout.Never, out bits);
            s_sent = Ipc.Send(Endpoint, new MessageFrame(1).Put(TypedItem.String(Source, Length))).Result;
            s_sentMoved = Utcb.Transferred;
            Notifications.Notify(Done, 1);
        }

        private static void Receive(ulong argument)
        {
            Memory.SetStringBuffer(0, 1, Buffer, Length);
            s_received = Ipc.Wait(Endpoint).Result;
            s_receivedMoved = Utcb.Transferred;
            Notifications.Notify(Done, 4);
        }
    }
}
