// A long transfer over pages that are not mapped on either side: the copy faults on the sender's pages after the
// first and on every page of the receiver's buffer, each fault goes as nested page-fault IPC to the faulting
// thread's pager (the task's, which maps a zeroed scratch page), and the copy resumes at the faulting byte. The
// message arrives whole: the bytes the sender wrote, then the zeros of its fresh pages.
using Verified.User.Library;

namespace Verified.User.Scenarios.Strings
{
    public sealed unsafe class PagedTransferScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Receiver = 4;
        private const uint SourcePage = 12, TargetPage = 16;
        private const ulong Offset = 10, Length = 3 * Layout.PageSize - Offset, Written = Layout.PageSize - Offset, Seed = 21;
        private static readonly ulong Source = Layout.Scratch(SourcePage) + Offset;
        private static readonly ulong Buffer = Layout.Scratch(TargetPage) + 0x800;
        private static ulong s_received, s_transferred;

        public PagedTransferScenario() : base("string-paged-in")
        {
        }

        public override void Run(Check check)
        {
            s_received = s_transferred = ulong.MaxValue;
            // Four pages each side are unmapped; the sender's first page is written again (it faults back in).
            if (!UserBytes.Unmap(check, SourcePage, 2) || !UserBytes.Unmap(check, TargetPage, 2))
            {
                return;
            }
            UserBytes.Fill(Source, Written, Seed, 0);
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, new MessageFrame(1).Put(TypedItem.String(Source, Length))).Result,
                "send over unmapped pages");
            check.Equal(Length, Utcb.Transferred, "bytes moved, at the sender");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_received, "receive into unmapped pages");
                check.Equal(Length, s_transferred, "bytes moved, at the receiver");
                UserBytes.HasPattern(check, Buffer, Written, Seed, 0, "the bytes the sender wrote");
                UserBytes.AllAre(check, Buffer + Written, Length - Written, 0, "the sender's fresh pages");
            }
            Workers.Delete(check, new uint[] { Receiver, Endpoint, Done });
        }

        private static void Receive(ulong argument)
        {
            Memory.SetStringBuffer(0, 1, Buffer, Length);
            s_received = Ipc.Wait(Endpoint).Result;
            s_transferred = Utcb.Transferred;
            Notifications.Notify(Done, 1);
        }
    }
}
