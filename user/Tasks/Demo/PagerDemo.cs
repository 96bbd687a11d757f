// A pager in user space: a thread of this task touches a window page nobody has mapped; its pager is this task's
// main thread, which answers the page-fault IPC with a map item of one of its own pages. The thread then reads what
// the pager wrote there.
using Verified.User.Library;

namespace Verified.User.Demo
{
    internal static unsafe class PagerDemo
    {
        private const uint Endpoint = 2, Client = 3, ClientUtcb = 1;
        private const ulong Touched = 0x4060_0000;       // a window page outside this task's image: only our pager serves it
        private const ulong DoneLabel = 2;
        private const string Greeting = "hello from a pager in user space";

        private static readonly byte[] s_memory = new byte[3 * (int)Page.Size];
        private static string s_read = "";

        public static bool Run()
        {
            Machine.Print("demo: pager: a thread touches 0x40600000, which nobody has mapped; its pager is another thread of this task\n");
            ulong page = Page.Aligned(s_memory);
            Page.Write(page, Greeting);
            // The client's stack is heap the root task pages in: touched here first, so that the only fault our pager
            // sees is the one it is there for.
            ulong* top = ThreadStacks.Top(ClientUtcb);
            for (ulong* word = top - 8; word > top - ThreadStacks.Words; word -= Page.Size / 8)
            {
                *word = 0;
            }
            bool ok = Objects.CreateEndpoint(Endpoint, 0) == ResultWord.Ok
                && Machine.StartThreadPagedBy(Client, ClientUtcb, &ClientMain, 0, Endpoint) == ResultWord.Ok;
            if (ok)
            {
                IpcResult fault = Ipc.Wait(Endpoint, Timeout.Ticks(5_000));
                ok = fault.IsOk && fault.Label == 0xFFFF_FFFF_FFFE && (fault.Word(0) & ~(Page.Size - 1)) == Touched;
                if (ok)
                {
                    Machine.Print(string.Concat("demo: pager: page fault at ", Text.Hex(fault.Word(0)), " (rip ",
                        Text.Hex(fault.Word(2)), "): answered with a map item of page ", Text.Hex(page), "\n"));
                    var map = new MessageFrame(0).Put(TypedItem.Map(Memory.Flexpage(page, 0, Memory.RightsR), Touched));
                    IpcResult done = Ipc.ReplyWait(Endpoint, map, Timeout.Ticks(5_000));
                    ok = done.IsOk && done.Label == DoneLabel && s_read == Greeting;
                    Machine.Print(string.Concat("demo: pager: the thread read \"", s_read, "\" at 0x40600000\n"));
                }
            }
            Memory.Unmap(Memory.Flexpage(page, 0, Memory.RightsAll), false);
            Capabilities.Delete(Client);
            Capabilities.Delete(Endpoint);
            return ok;
        }

        private static void ClientMain(ulong argument)
        {
            s_read = Page.Read(Touched, 64);
            Ipc.Send(Endpoint, DoneLabel, Ipc.NoWords);
        }
    }
}
