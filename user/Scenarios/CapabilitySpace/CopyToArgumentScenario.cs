// CapCopyTo (syscall 16), a loader's copy into a task it holds a capability to: every bad argument is its error
// word (a task capability without RightGrant or no task capability at all, an empty source, a reserved mask bit, a
// destination out of the other task's range, an occupied destination), and a good copy lands. The other task is one
// the scenario creates (Create type 5); deleting its capability destroys it with the copy.
using Verified.User.Library;

namespace Verified.User.Scenarios.CapabilitySpace
{
    public sealed class CopyToArgumentScenario : Scenario
    {
        private const uint Endpoint = 2, Notification = 3, Child = 4, ChildReadOnly = 5, Empty = 30;
        private const uint ChildSlot = 3;
        private const ulong CapCopyTo = 16;

        public CopyToArgumentScenario() : base("copy-to-bad-arguments")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Notification)
                || !check.Equal(ResultWord.Ok, Objects.Create(Objects.TypeTask, Child, Layout.Slots, Layout.TaskSlot), "create a task"))
            {
                Capabilities.Delete(Endpoint);
                Capabilities.Delete(Notification);
                return;
            }
            check.Equal(ResultWord.Ok, Capabilities.Copy(Child, ChildReadOnly, Capabilities.RightRead), "a read-only task capability");
            check.Equal(Errors.CapsInvalidArgument, CopyTo(Endpoint, ChildReadOnly, ChildSlot, 7), "a task capability without RightGrant");
            check.Equal(Errors.CapsInvalidArgument, CopyTo(Endpoint, Endpoint, ChildSlot, 7), "an endpoint as the task");
            check.Equal(Errors.CapsEmptySlot, CopyTo(Empty, Child, ChildSlot, 7), "an empty source");
            check.Equal(Errors.InvalidArgument, CopyTo(Endpoint, Child, ChildSlot, 8), "a reserved mask bit");
            check.Equal(Errors.CapsInvalidSlot, CopyTo(Endpoint, Child, Layout.OutOfRangeSlot, 7), "a destination out of range");
            check.Equal(ResultWord.Ok, CopyTo(Endpoint, Child, ChildSlot, 7), "a good copy");
            check.Equal(Errors.CapsSlotOccupied, CopyTo(Notification, Child, ChildSlot, 7), "an occupied destination");
            Workers.Delete(check, new uint[] { ChildReadOnly, Child, Endpoint, Notification });
        }

        private static ulong CopyTo(uint source, uint taskSlot, uint destination, ulong mask) =>
            Syscall.Invoke(CapCopyTo, source, destination, mask, 0, taskSlot);
    }
}
