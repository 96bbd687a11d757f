// Capability items: a copy lands in the receiver's slot BR2 with the sender's rights cut by the item's mask (the
// sender keeps its own), a move lands with all its rights and empties the sender's slot; both need RightGrant on the
// send endpoint, and every item was performed (error detail 0 on both sides).
using Verified.User.Library;

namespace Verified.User.Scenarios.Transfer
{
    public sealed unsafe class CapabilityItemScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Signal = 4, Moving = 5, Receiver = 6, Landing = 20;
        private static ulong s_received, s_detail, s_notifyThroughCopy, s_waitThroughCopy, s_moved, s_notifyThroughMoved;

        public CapabilityItemScenario() : base("capability-items")
        {
        }

        public override void Run(Check check)
        {
            s_received = s_detail = s_notifyThroughCopy = s_waitThroughCopy = s_moved = s_notifyThroughMoved = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.CreateNotification(check, Signal)
                || !check.Equal(ResultWord.Ok, Capabilities.Copy(Signal, Moving), "a copy to move")
                || !Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            MessageFrame copy = new MessageFrame(1).Put(5).Put(TypedItem.Capability(Signal, false, Capabilities.RightWrite));
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, copy).Result, "send a copy item");
            check.Equal(0, Utcb.ErrorDetail, "the sender's error detail");
            MessageFrame move = new MessageFrame(2).Put(TypedItem.Capability(Moving, true, Capabilities.AllRights));
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, move).Result, "send a move item");
            check.Equal(Errors.CapsEmptySlot, Capabilities.Delete(Moving), "the moved capability left the sender's slot");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_received, "receive");
                check.Equal(0, s_detail, "the receiver's error detail");
                check.Equal(ResultWord.Ok, s_notifyThroughCopy, "notify through the copy (RightWrite)");
                check.Equal(Errors.CapsInvalidArgument, s_waitThroughCopy, "wait through the copy (no RightRead)");
                check.Equal(ResultWord.Ok, s_moved, "receive the move");
                check.Equal(ResultWord.Ok, s_notifyThroughMoved, "notify through the moved capability");
                ulong bits;
                check.Equal(ResultWord.Ok, Notifications.Wait(Signal, Timeout.Zero, out bits), "the sender's own capability works");
                check.Equal(0x11, bits, "bits through both");
            }
            Workers.Delete(check, new uint[] { Receiver, Landing, Landing + 1, Signal, Endpoint, Done });
        }

        private static void Receive(ulong argument)
        {
            Memory.Accept(0, true, Landing);
            IpcResult received = Ipc.Wait(Endpoint);
            s_received = received.Result;
            s_detail = Utcb.ErrorDetail;
            s_notifyThroughCopy = Notifications.Notify(Landing, 1);
            ulong bits;
            s_waitThroughCopy = Notifications.Wait(Landing, Timeout.Zero, out bits);
            Memory.Accept(0, true, Landing + 1);
            s_moved = Ipc.Wait(Endpoint).Result;
            s_notifyThroughMoved = Notifications.Notify(Landing + 1, 0x10);
            Notifications.Notify(Done, 1);
        }
    }
}
