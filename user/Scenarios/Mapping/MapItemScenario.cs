// A map item between two threads of the task, sent by a Call that meets the receiver already waiting: the sender's
// scratch page appears in the receiver's receive window, both read and write the same frame (the receiver sees the
// sender's word, the sender the receiver's answer), every item was performed (error detail 0 on both sides), and once
// the window's page is unmapped it is a fresh page again.
using Verified.User.Library;

namespace Verified.User.Scenarios.Mapping
{
    public sealed unsafe class MapItemScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Receiver = 4;
        private const uint SourcePage = 40, WindowPage = 44;
        private static ulong s_received, s_detail, s_word, s_seen;

        public MapItemScenario() : base("map-item")
        {
        }

        public override void Run(Check check)
        {
            s_received = s_detail = s_word = s_seen = ulong.MaxValue;
            ulong source = Layout.Scratch(SourcePage) + 8, window = Layout.Scratch(WindowPage) + 8;
            Machine.WriteWord(source, 0x5EED);
            if (!UserBytes.Unmap(check, WindowPage, 0) || !Workers.CreateEndpoint(check, Endpoint)
                || !Workers.CreateNotification(check, Done) || !Workers.Start(check, Receiver, 1, &Receive, 0)
                || !Workers.WaitForState(check, Receiver, ThreadStates.RecvBlocked))
            {
                return;
            }
            MessageFrame call = new MessageFrame(1).Put(42).Put(TypedItem.Map(Memory.Flexpage(source, 0, Memory.RightsRW)));
            check.Equal(ResultWord.Ok, Ipc.Call(Endpoint, call).Result, "call with a map item");
            check.Equal(0, Utcb.ErrorDetail, "the sender's error detail");
            check.Equal(0xB4C, Machine.ReadWord(source), "the receiver's write, read by the sender");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_received, "receive a map item");
                check.Equal(0, s_detail, "the receiver's error detail");
                check.Equal(42, s_word, "the untyped word");
                check.Equal(0x5EED, s_seen, "the sender's word, read in the window");
            }
            Workers.Delete(check, new uint[] { Receiver, Endpoint, Done });
            if (UserBytes.Unmap(check, WindowPage, 0))
            {
                check.Equal(0, Machine.ReadWord(window), "the window after its unmap (a fresh page)");
                check.Equal(0xB4C, Machine.ReadWord(source), "the sender's page after the window's unmap");
            }
        }

        private static void Receive(ulong argument)
        {
            ulong window = Layout.Scratch(WindowPage) + 8;
            Memory.Accept(Memory.Flexpage(Layout.Scratch(WindowPage), 0, Memory.RightsAll), false, 0);
            IpcResult request = Ipc.Wait(Endpoint);
            s_received = request.Result;
            s_detail = Utcb.ErrorDetail;
            s_word = request.Word(0);
            s_seen = Machine.ReadWord(window);
            Machine.WriteWord(window, 0xB4C);
            Ipc.Reply(2, Ipc.NoWords);
            Notifications.Notify(Done, 1);
        }
    }
}
