// A file server in the L4 style: it does not copy a block to its client but maps the page that holds it into the
// client's receive window, and before the next block it takes that mapping back (Unmap), so the same window shows
// block after block.
using Verified.User.Library;

namespace Verified.User.Demo
{
    internal static unsafe class FileServerDemo
    {
        private const uint Endpoint = 4, Server = 5, ServerUtcb = 2;
        private const ulong Window = 0x4061_0000;       // the client's receive window: one page, read only
        private const ulong ReadLabel = 3, Blocks = 3, Stop = 99;

        private static readonly byte[] s_file = new byte[(int)((Blocks + 1) * Page.Size)];

        public static bool Run()
        {
            Machine.Print("demo: file server: a client reads a three-block file through one window page, remapped per block\n");
            bool ok = Objects.CreateEndpoint(Endpoint, 0) == ResultWord.Ok
                && Machine.StartThread(Server, ServerUtcb, &Serve, 0) == ResultWord.Ok;
            Memory.Accept(Memory.Flexpage(Window, 0, Memory.RightsR), false, 0);
            for (ulong block = 0; ok && block < Blocks; block++)
            {
                IpcResult answer = Ipc.Call(Endpoint, ReadLabel, new ulong[] { block });
                string text = answer.IsOk ? Page.Read(Window, 64) : "";
                Machine.Print(string.Concat("demo: file server: block ", block.ToString(), " at ", Text.Hex(Window), ": \"",
                    text, "\"\n"));
                ok = answer.IsOk && text == BlockText(block);
            }
            Ipc.Call(Endpoint, ReadLabel, new ulong[] { Stop });
            Memory.AcceptNothing();
            Capabilities.Delete(Server);
            Capabilities.Delete(Endpoint);
            return ok;
        }

        private static string BlockText(ulong block) => string.Concat("block ", block.ToString(), " of the file");

        private static void Serve(ulong argument)
        {
            ulong first = Page.Aligned(s_file);
            for (ulong block = 0; block < Blocks; block++)
            {
                Page.Write(first + block * Page.Size, BlockText(block));
            }
            ulong mapped = 0;
            IpcResult request = Ipc.Wait(Endpoint);
            while (request.IsOk && request.Word(0) < Blocks)
            {
                if (mapped != 0)
                {
                    // Take the last block back from every space it was mapped into; the server keeps its own page.
                    Memory.Unmap(Memory.Flexpage(mapped, 0, Memory.RightsAll), false);
                }
                mapped = first + request.Word(0) * Page.Size;
                var reply = new MessageFrame(0).Put(TypedItem.Map(Memory.Flexpage(mapped, 0, Memory.RightsR), Window));
                request = Ipc.ReplyWait(Endpoint, reply);
            }
            if (mapped != 0)
            {
                Memory.Unmap(Memory.Flexpage(mapped, 0, Memory.RightsAll), false);
            }
            Ipc.Reply(0, Ipc.NoWords);
        }
    }
}
