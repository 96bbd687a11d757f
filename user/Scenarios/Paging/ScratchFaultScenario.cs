// Page faults outside IPC. On the task's own pager they are transparent: a write to an unmapped scratch page sticks,
// a read of one gives zero, and the UTCB's error-detail word keeps what it held although the pager's reply carried a
// map item (a thread may fault between an IPC with items and its read of that word). On a pager thread of the scenario's they arrive as page-fault Calls with the exact
// address, the #PF code (a user write, a user read; no nested bit), and the badge of the pager capability; the
// pager maps pages of its own, the faulting accesses retry and go on, and the pager's page holds what the faulting
// thread wrote.
using Verified.User.Library;

namespace Verified.User.Scenarios.Paging
{
    public sealed unsafe class ScratchFaultScenario : Scenario
    {
        private const uint Done = 2, Go = 3, PagerEndpoint = 4, BadgedPager = 5, Faulter = 6, PagerThread = 7;
        private const uint Plain = 130, Written = 131, Read = 132, WrittenSource = 133, ReadSource = 134;
        private const ulong PagerBadge = 0x3A6E;
        private const ulong ErrorDetailMark = 0xDE7A11;
        private static ulong s_read, s_back;

        public ScratchFaultScenario() : base("scratch-page-faults")
        {
        }

        public override void Run(Check check)
        {
            s_read = s_back = ulong.MaxValue;
            if (!UserBytes.Unmap(check, Plain, 0) || !UserBytes.Unmap(check, Written, 0) || !UserBytes.Unmap(check, Read, 0))
            {
                return;
            }
            Machine.WriteUtcb(Utcb.ErrorDetailWord, ErrorDetailMark);
            Machine.WriteWord(Layout.Scratch(Plain) + 8, 0x1234);
            check.Equal(ErrorDetailMark, Utcb.ErrorDetail, "the error-detail word across a page fault");
            check.Equal(0x1234, Machine.ReadWord(Layout.Scratch(Plain) + 8), "a write to an unmapped page, read back");
            check.Equal(0, Machine.ReadWord(Layout.Scratch(Plain) + 16), "the rest of the fresh page");

            Machine.WriteWord(Layout.Scratch(WrittenSource) + 8, 0);
            Machine.WriteWord(Layout.Scratch(ReadSource) + 0x10, 0x5151);
            ScenarioPager.Prepare(PagerEndpoint, &PageFor, 2, Done, 2);
            if (!Workers.CreateNotification(check, Done) || !Workers.CreateNotification(check, Go)
                || !Workers.CreateEndpoint(check, PagerEndpoint)
                || !check.Equal(ResultWord.Ok, Capabilities.Mint(PagerEndpoint, BadgedPager, Capabilities.RightWrite, PagerBadge),
                    "a badged pager capability")
                || !Workers.Start(check, PagerThread, 2, &ScenarioPager.Serve, 0)
                || !Workers.Start(check, Faulter, 1, &Fault, 0))
            {
                Cleanup(check);
                return;
            }
            if (check.Equal(ResultWord.Ok, ThreadControl.Pager(Faulter, BadgedPager), "the faulting thread's pager")
                && check.Equal(ResultWord.Ok, Notifications.Notify(Go, 1), "go")
                && Workers.Join(check, Done, 3))
            {
                check.Equal(0x5151, s_read, "the read, from the pager's page");
                check.Equal(0xFEED, s_back, "the write, read back");
                check.Equal(0xFEED, Machine.ReadWord(Layout.Scratch(WrittenSource) + 8), "the write, in the pager's page");
                if (check.Equal(2, (ulong)ScenarioPager.Count, "page faults served"))
                {
                    CheckFault(check, 0, Layout.Scratch(Written) + 8, ScenarioPager.WriteCode);
                    CheckFault(check, 1, Layout.Scratch(Read) + 0x10, ScenarioPager.ReadCode);
                }
            }
            Cleanup(check);
        }

        private static void CheckFault(Check check, int i, ulong address, ulong code)
        {
            check.Equal(ScenarioPager.PageFaultLabel, ScenarioPager.Label[i], "the label of a page fault (a Call)");
            check.Equal(PagerBadge, ScenarioPager.Badge[i], "the badge of a page fault");
            check.Equal(address, ScenarioPager.Address[i], string.Concat("the address of fault ", i.ToString()));
            check.Equal(code, ScenarioPager.Code[i], string.Concat("the code of fault ", i.ToString()));
        }

        private static void Cleanup(Check check)
        {
            Workers.Delete(check, new uint[] { Faulter, PagerThread, BadgedPager, PagerEndpoint, Go, Done });
            UserBytes.Unmap(check, Written, 0);
            UserBytes.Unmap(check, Read, 0);
        }

        private static ulong PageFor(ulong page)
        {
            if (page == Layout.Scratch(Written))
            {
                return Layout.Scratch(WrittenSource);
            }
            return page == Layout.Scratch(Read) ? Layout.Scratch(ReadSource) : 0;
        }

        private static void Fault(ulong argument)
        {
            ulong bits;
            Notifications.Wait(Go, Timeout.Never, out bits);
            Machine.WriteWord(Layout.Scratch(Written) + 8, 0xFEED);
            s_read = Machine.ReadWord(Layout.Scratch(Read) + 0x10);
            s_back = Machine.ReadWord(Layout.Scratch(Written) + 8);
            Notifications.Notify(Done, 1);
        }
    }
}
