// CapCopy's bad words fail with their code and leave the destination empty.
using Verified.User.Library;

namespace Verified.User.Scenarios.CapabilitySpace
{
    public sealed class CopyArgumentScenario : Scenario
    {
        private const uint Endpoint = 2, Notification = 3, Empty = 30;

        public CopyArgumentScenario() : base("cap-copy-bad-arguments")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Notification))
            {
                return;
            }
            check.Equal(Errors.InvalidArgument, Capabilities.CopyRaw(Endpoint, Empty, 8, 0), "reserved mask bit");
            check.Equal(Errors.InvalidArgument, Capabilities.CopyRaw(Endpoint, Empty, 1UL << 63, 0), "mask bit 63");
            check.Equal(Errors.InvalidArgument, Capabilities.CopyRaw(1UL << 32, Empty, 7, 0), "source beyond 32 bits");
            check.Equal(Errors.InvalidArgument, Capabilities.CopyRaw(Endpoint, Empty | (1UL << 40), 7, 0), "destination beyond 32 bits");
            check.Equal(Errors.CapsEmptySlot, Capabilities.Copy(Empty, Empty - 1), "empty source");
            check.Equal(Errors.CapsInvalidSlot, Capabilities.Copy(Endpoint, Layout.OutOfRangeSlot), "destination out of range");
            check.Equal(Errors.CapsInvalidSlot, Capabilities.Copy(Layout.OutOfRangeSlot, Empty), "source out of range");
            check.Equal(Errors.CapsSlotOccupied, Capabilities.Copy(Endpoint, Notification), "occupied destination");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Empty), "the destination stays empty");
            Workers.Delete(check, new uint[] { Endpoint, Notification });
        }
    }
}
