// Capability items refused: at the send, before anything happens (an endpoint capability without RightGrant, an
// empty slot, a move without the full mask); and after the rendezvous, where the IPC is OK and the first failure is
// the error detail of both threads (code | domain << 16 | item index << 24): an occupied landing slot, a receiver
// that accepts no capability items. Items after a refused one still land.
using Verified.User.Library;

namespace Verified.User.Scenarios.Transfer
{
    public sealed unsafe class CapabilityItemRefusalScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Signal = 4, Grantless = 5, Receiver = 6, Landing = 20, Empty = 30;
        private static ulong s_first, s_firstDetail, s_landed, s_second, s_secondDetail;

        public CapabilityItemRefusalScenario() : base("capability-items-refused")
        {
        }

        public override void Run(Check check)
        {
            s_first = s_firstDetail = s_landed = s_second = s_secondDetail = ulong.MaxValue;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !Workers.CreateNotification(check, Signal)
                || !check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, Grantless, Capabilities.RightRead | Capabilities.RightWrite), "copy without RightGrant"))
            {
                return;
            }
            check.Equal(Errors.CapsInvalidArgument, Send(Grantless, TypedItem.Capability(Signal, false, 7)), "item through a grantless endpoint");
            check.Equal(Errors.CapsEmptySlot, Send(Endpoint, TypedItem.Capability(Empty, false, 7)), "item of an empty slot");
            check.Equal(Errors.InvalidArgument, Send(Endpoint, TypedItem.Capability(Signal, true, 3)), "move without the full mask");
            if (!Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                return;
            }
            // Item 0 lands on the receiver's occupied slot 20 (it holds a copy there), item 1 in the free slot 21.
            MessageFrame two = new MessageFrame(1).Put(TypedItem.Capability(Signal, false, 7)).Put(TypedItem.Capability(Signal, false, 2));
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, two).Result, "send two items");
            check.Equal(Errors.CapsSlotOccupied, Utcb.ErrorDetail, "the sender's error detail");
            MessageFrame refused = new MessageFrame(2).Put(TypedItem.Capability(Signal, false, 7));
            check.Equal(ResultWord.Ok, Ipc.Send(Endpoint, refused).Result, "send to a receiver accepting none");
            check.Equal(Errors.CapsInvalidArgument, Utcb.ErrorDetail, "the sender's error detail");
            if (Workers.Join(check, Done, 1))
            {
                check.Equal(ResultWord.Ok, s_first, "receive two items");
                check.Equal(Errors.CapsSlotOccupied, s_firstDetail, "the receiver's error detail");
                check.Equal(ResultWord.Ok, s_landed, "the second item landed (notify through it)");
                check.Equal(ResultWord.Ok, s_second, "receive without accepting");
                check.Equal(Errors.CapsInvalidArgument, s_secondDetail, "the receiver's error detail");
            }
            Workers.Delete(check, new uint[] { Receiver, Landing, Landing + 1, Grantless, Signal, Endpoint, Done });
        }

        private static ulong Send(uint endpoint, TypedItem item) =>
            Ipc.Send(endpoint, new MessageFrame(1).Put(item), Timeout.Word(Timeout.Zero, Timeout.Never)).Result;

        private static void Receive(ulong argument)
        {
            Capabilities.Copy(Done, Landing);
            Memory.Accept(0, true, Landing);
            s_first = Ipc.Wait(Endpoint).Result;
            s_firstDetail = Utcb.ErrorDetail;
            s_landed = Notifications.Notify(Landing + 1, 8);
            Memory.AcceptNothing();
            s_second = Ipc.Wait(Endpoint).Result;
            s_secondDetail = Utcb.ErrorDetail;
            Notifications.Notify(Done, 1);
        }
    }
}
