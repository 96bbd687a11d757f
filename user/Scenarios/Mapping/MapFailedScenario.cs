// ErrMapFailed: a map item asking for more rights than the receive window accepts fails the IPC on both sides at
// the rendezvous (the receiver with the receive-phase bit) and maps nothing: a send of read-write into a read-only
// window, a Call with a map item to a receiver that accepts none, and a reply with all rights to a caller whose
// window is read-only (the reply's send phase fails; the caller's receive phase).
using Verified.User.Library;

namespace Verified.User.Scenarios.Mapping
{
    public sealed unsafe class MapFailedScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Server = 4;
        private const uint SourcePage = 140, ServerWindow = 141, CallerWindow = 142;
        private static ulong s_sent, s_seen, s_called, s_request, s_replied;

        public MapFailedScenario() : base("map-failed")
        {
        }

        public override void Run(Check check)
        {
            s_sent = s_seen = s_called = s_request = s_replied = ulong.MaxValue;
            ulong source = Layout.Scratch(SourcePage);
            Machine.WriteWord(source, 0x77);
            if (!UserBytes.Unmap(check, ServerWindow, 0) || !UserBytes.Unmap(check, CallerWindow, 0)
                || !Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.Start(check, Server, 1, &Serve, 0))
            {
                return;
            }
            MessageFrame readWrite = new MessageFrame(1).Put(5).Put(TypedItem.Map(Memory.Flexpage(source, 0, Memory.RightsRW)));
            check.Equal(Errors.MapFailed, Ipc.Send(Endpoint, readWrite).Result, "send read-write into a read-only window");
            MessageFrame readOnly = new MessageFrame(2).Put(TypedItem.Map(Memory.Flexpage(source, 0, Memory.RightsR)));
            check.Equal(Errors.MapFailed, Ipc.Call(Endpoint, readOnly).Result, "call with a map item to a receiver that accepts none");
            Memory.Accept(Memory.Flexpage(Layout.Scratch(CallerWindow), 0, Memory.RightsR), false, 0);
            check.Equal(Errors.MapFailed | ResultWord.ReceivePhaseBit, Ipc.Call(Endpoint, 3, Ipc.NoWords).Result,
                "a reply with all rights into a read-only window");
            Memory.AcceptNothing();
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(Errors.MapFailed | ResultWord.ReceivePhaseBit, s_sent, "receive read-write into a read-only window");
                check.Equal(0, s_seen, "the read-only window (nothing mapped: a fresh page)");
                check.Equal(Errors.MapFailed | ResultWord.ReceivePhaseBit, s_called, "receive a map item accepting none");
                check.Equal(ResultWord.Ok, s_request, "receive the third call");
                check.Equal(Errors.MapFailed, s_replied, "reply with all rights into a read-only window");
                check.Equal(0, Machine.ReadWord(Layout.Scratch(CallerWindow)), "the caller's window (nothing mapped: a fresh page)");
            }
            Workers.Delete(check, new uint[] { Server, Endpoint, Done });
        }

        private static void Serve(ulong argument)
        {
            Memory.Accept(Memory.Flexpage(Layout.Scratch(ServerWindow), 0, Memory.RightsR), false, 0);
            s_sent = Ipc.Wait(Endpoint).Result;
            s_seen = Machine.ReadWord(Layout.Scratch(ServerWindow));
            Memory.AcceptNothing();
            s_called = Ipc.Wait(Endpoint).Result;
            s_request = Ipc.Wait(Endpoint).Result;
            MessageFrame all = new MessageFrame(4).Put(TypedItem.Map(Memory.Flexpage(Layout.Scratch(SourcePage), 0, Memory.RightsAll)));
            s_replied = Ipc.Reply(all).Result;
            Notifications.Notify(Done, 1);
        }
    }
}
