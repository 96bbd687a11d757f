// Map items in a reply land in the caller's window (a pager's answer), and one message may carry map and
// capability items together: the page lands in the window, the capabilities in consecutive slots from BR2 with the
// rights each item's mask left (all; read only), the receiver sees u = 1, t = 3 in the tag, and every item was
// performed.
using Verified.User.Library;

namespace Verified.User.Scenarios.Mapping
{
    public sealed unsafe class MixedItemScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Server = 4, First = 5, Second = 6, Landing = 20;
        private const uint ReplySource = 180, CallerWindow = 181, MixedSource = 182, ServerWindow = 183;
        private static ulong s_received, s_tag, s_detail, s_seen, s_notifyFirst, s_waitFirst, s_notifySecond, s_waitSecond, s_third;

        public MixedItemScenario() : base("map-mixed-items")
        {
        }

        public override void Run(Check check)
        {
            s_received = s_tag = s_detail = s_seen = s_notifyFirst = s_waitFirst = s_notifySecond = s_waitSecond = s_third = ulong.MaxValue;
            Machine.WriteWord(Layout.Scratch(MixedSource), 0x2020);
            if (!UserBytes.Unmap(check, CallerWindow, 0) || !UserBytes.Unmap(check, ServerWindow, 0)
                || !Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.CreateNotification(check, First) || !Workers.CreateNotification(check, Second)
                || !Workers.Start(check, Server, 1, &Serve, 0))
            {
                return;
            }
            Memory.Accept(Memory.Flexpage(Layout.Scratch(CallerWindow), 0, Memory.RightsRW), false, 0);
            check.Equal(ResultWord.Ok, Ipc.Call(Endpoint, 1, new ulong[] { ReplySource }).Result, "a call answered with a map item");
            Memory.AcceptNothing();
            check.Equal(0x9A6E, Machine.ReadWord(Layout.Scratch(CallerWindow) + 16), "the replied page in the caller's window");
            MessageFrame mixed = new MessageFrame(5).Put(77).Put(TypedItem.Capability(First, false, Capabilities.AllRights))
                .Put(TypedItem.Map(Memory.Flexpage(Layout.Scratch(MixedSource), 0, Memory.RightsR)))
                .Put(TypedItem.Capability(Second, false, Capabilities.RightRead));
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, mixed).Result, "send map and capability items");
            check.Equal(0, Utcb.ErrorDetail, "the sender's error detail");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_received, "receive map and capability items");
                check.Equal(MessageTag.Of(5, 1, 3), s_tag, "the received tag");
                check.Equal(0, s_detail, "the receiver's error detail");
                check.Equal(0x2020, s_seen, "the mapped page");
                check.Equal(ResultWord.Ok, s_notifyFirst, "notify through the first landed capability (all rights)");
                check.Equal(ResultWord.Ok, s_waitFirst, "wait through the first landed capability");
                check.Equal(Errors.CapsInvalidArgument, s_notifySecond, "notify through the second (read only)");
                check.Equal(ResultWord.Ok, s_waitSecond, "wait through the second");
                check.Equal(Errors.CapsEmptySlot, s_third, "the slot after the two capabilities");
            }
            Workers.Delete(check, new uint[] { Server, Landing, Landing + 1, First, Second, Endpoint, Done });
            UserBytes.Unmap(check, CallerWindow, 0);
            UserBytes.Unmap(check, ServerWindow, 0);
        }

        private static void Serve(ulong argument)
        {
            Machine.WriteWord(Layout.Scratch(ReplySource) + 16, 0x9A6E);
            IpcResult request = Ipc.Wait(Endpoint);
            ulong page = Layout.Scratch((uint)request.Word(0));
            Ipc.Reply(new MessageFrame(2).Put(TypedItem.Map(Memory.Flexpage(page, 0, Memory.RightsRW))));
            Memory.Accept(Memory.Flexpage(Layout.Scratch(ServerWindow), 0, Memory.RightsR), true, Landing);
            IpcResult mixed = Ipc.Wait(Endpoint);
            s_received = mixed.Result;
            s_tag = mixed.Tag;
            s_detail = Utcb.ErrorDetail;
            s_seen = Machine.ReadWord(Layout.Scratch(ServerWindow));
            ulong bits;
            s_notifyFirst = Notifications.Notify(Landing, 1);
            s_waitFirst = Notifications.Wait(Landing, Timeout.Zero, out bits);
            Notifications.Notify(Second, 2);
            s_notifySecond = Notifications.Notify(Landing + 1, 2);
            s_waitSecond = Notifications.Wait(Landing + 1, Timeout.Zero, out bits);
            s_third = Capabilities.Delete(Landing + 2);
            Notifications.Notify(Done, 1);
        }
    }
}
