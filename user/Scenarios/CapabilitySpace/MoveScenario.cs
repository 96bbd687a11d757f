// CapMove keeps the badge and the place in the derivation tree (revoking the moved parent still removes its
// copies); the old slot is empty. Failed moves change neither slot.
using Verified.User.Library;

namespace Verified.User.Scenarios.CapabilitySpace
{
    public sealed unsafe class MoveScenario : Scenario
    {
        private const uint Endpoint = 2, Done = 3, Badged = 4, Moved = 5, Child = 6, Receiver = 7, Empty = 30;
        private const ulong Badge = 0xB0B;
        private static IpcResult? s_received;

        public MoveScenario() : base("cap-move")
        {
        }

        public override void Run(Check check)
        {
            s_received = null;
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Done)
                || !check.Equal(ResultWord.Ok, Capabilities.Mint(Endpoint, Badged, Capabilities.AllRights, Badge), "mint")
                || !check.Equal(ResultWord.Ok, Capabilities.Copy(Badged, Child), "copy of the badged one"))
            {
                return;
            }
            check.Equal(Errors.CapsSlotOccupied, Capabilities.Move(Badged, Endpoint), "move onto an occupied slot");
            check.Equal(Errors.CapsEmptySlot, Capabilities.Move(Empty, Moved), "move from an empty slot");
            check.Equal(Errors.CapsInvalidSlot, Capabilities.Move(Badged, Layout.OutOfRangeSlot), "move out of range");
            check.Equal(Errors.InvalidArgument, Capabilities.Move(Badged, 1UL << 32), "destination beyond 32 bits");
            check.Equal(Errors.CapsSlotOccupied, Capabilities.Move(Badged, Badged), "move onto itself");
            check.Equal(ResultWord.Ok, Capabilities.Move(Badged, Moved), "move");
            check.Equal(Errors.CapsEmptySlot, Capabilities.Move(Badged, Empty), "the old slot is empty");
            if (Workers.Start(check, Receiver, 1, &Receive, 0))
            {
                check.Equal(ResultWord.Ok, Ipc.Send(Moved, 1, new ulong[] { 2 }).Result, "send through the moved capability");
                if (Workers.Join(check, Done, 1) && s_received is not null)
                {
                    check.Equal(ResultWord.Ok, s_received.Result, "receive");
                    check.Equal(Badge, s_received.Badge, "the badge moved with it");
                }
            }
            check.Equal(ResultWord.Ok, Capabilities.Revoke(Moved), "revoke the moved capability");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Child), "its copy is gone");
            check.Equal(Errors.SendTimeout, Probe.Send(Moved), "the moved capability stays and the endpoint lives");
            Workers.Delete(check, new uint[] { Receiver, Moved, Endpoint, Done });
        }

        private static void Receive(ulong argument)
        {
            s_received = Ipc.Wait(Endpoint);
            Notifications.Notify(Done, 1);
        }
    }
}
