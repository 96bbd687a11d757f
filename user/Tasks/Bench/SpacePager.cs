// The server task's pager, a thread of the bench task: a page fault at an address of the mapping window is answered
// with a map item of the bench task's own page there (touched first, so the root task pages it into the bench task
// if it is not yet), read and execute for the image's code, read and write for anything else. Exceptions are printed and
// not answered (the thread stays stopped and its benchmark fails). It allocates nothing (the register block lives on
// its stack): the bump heap frees nothing, and the server task pages in a few hundred pages.
using System.Runtime;
using System.Runtime.CompilerServices;
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static class SpacePager
    {
        private const ulong PageFaultLabel = 0xFFFF_FFFF_FFFE;
        private const ulong ExceptionLabel = 0xFFFF_FFFF_FFFD;
        private const ulong WindowEnd = 0x4100_0000;
        private const ulong ImageBase = 0x4080_0000;   // where tasks are linked (docs/boot.md); below: scratch pages
        private const ulong ReplyWaitTimeouts = 0xFFFF_FFFF_FFFF_0000;

        public static void Serve(ulong endpoint)
        {
            SyscallRegisters r = default;
            r.Rax = SyscallNumbers.Ipc;
            r.Rdi = Ipc.Nil;
            r.Rsi = endpoint;
            r.Rdx = Timeout.AllNever;
            Machine.Syscall(ref r);
            while (true)
            {
                // Received: MR0 (tag) in r10; a fault's address, error code and rip in MR1..MR3 (r8, r9, r12).
                ulong label = MessageTag.Label(r.R10);
                TypedItem item = default;
                bool answer = r.Rax == ResultWord.Ok && label == PageFaultLabel && Map(r.R8, r.R12, out item);
                if (r.Rax == ResultWord.Ok && label == ExceptionLabel)
                {
                    Report.Note(string.Concat("server task: exception ", r.R8.ToString(), " at rip ", Text.Hex(r.R12)));
                }
                r = default;
                r.Rax = SyscallNumbers.Ipc;
                r.Rdi = answer ? Ipc.ReplySpecifier : Ipc.Nil;
                r.Rsi = endpoint;
                r.Rdx = answer ? ReplyWaitTimeouts : Timeout.AllNever;
                r.R10 = answer ? MessageTag.Of(0, 0, 1) : 0;
                r.R8 = item.Word0;
                r.R9 = item.Word1;
                Machine.Syscall(ref r);
            }
        }

        private static bool Map(ulong address, ulong rip, out TypedItem item)
        {
            item = default;
            ulong page = address & ~(Memory.PageSize - 1);
            if (page < Memory.WindowBase || page >= WindowEnd)
            {
                Report.Note(string.Concat("server task: page fault at ", Text.Hex(address), " (rip ", Text.Hex(rip),
                    ") outside the window"));
                return false;
            }
            Machine.ReadByte(page);
            ulong rights = page >= ImageBase && page < TextEnd() ? Memory.RightsR | Memory.RightsX : Memory.RightsRW;
            item = TypedItem.Map(Memory.Flexpage(page, 0, rights), page);
            return true;
        }

        [RuntimeImport("*", "user_text_end")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong TextEnd();
    }
}
