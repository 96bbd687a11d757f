// Create's bad arguments, each with its code and no new capability: unknown and uncreatable types, an occupied or
// out-of-range destination, a payer that is no task or lacks RightGrant, a type argument an endpoint or notification
// must not have, and the thread type's malformed arguments.
using Verified.User.Library;

namespace Verified.User.Scenarios.Creation
{
    public sealed class CreateArgumentScenario : Scenario
    {
        private const uint Endpoint = 2, WeakTask = 3, Free = 20;

        public CreateArgumentScenario() : base("create-bad-arguments")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint)
                || !check.Equal(ResultWord.Ok, Capabilities.Copy(Layout.TaskSlot, WeakTask, Capabilities.RightRead | Capabilities.RightWrite),
                    "task capability without RightGrant"))
            {
                return;
            }
            check.Equal(Errors.InvalidArgument, Objects.Create(9, Free, 0, Layout.TaskSlot), "unknown type 9");
            check.Equal(Errors.InvalidArgument, Objects.Create(0, Free, 0, Layout.TaskSlot), "type 0");
            check.Equal(Errors.InvalidArgument, Objects.Create(4, Free, 0, Layout.TaskSlot), "type 4, frames are not created");
            check.Equal(Errors.CapsSlotOccupied, Objects.Create(Objects.TypeEndpoint, Endpoint, 0, Layout.TaskSlot), "occupied destination");
            check.Equal(Errors.CapsInvalidSlot, Objects.Create(Objects.TypeEndpoint, Layout.OutOfRangeSlot, 0, Layout.TaskSlot), "destination out of range");
            check.Equal(Errors.CapsInvalidArgument, Objects.Create(Objects.TypeEndpoint, Free, 0, Endpoint), "an endpoint pays");
            check.Equal(Errors.CapsEmptySlot, Objects.Create(Objects.TypeEndpoint, Free, 0, 21), "an empty slot pays");
            check.Equal(Errors.CapsInvalidArgument, Objects.Create(Objects.TypeNotification, Free, 0, WeakTask), "a payer without RightGrant");
            check.Equal(Errors.InvalidArgument, Objects.Create(Objects.TypeEndpoint, Free, 1, Layout.TaskSlot), "an endpoint's argument");
            check.Equal(Errors.InvalidArgument, Objects.Create(Objects.TypeNotification, Free, 1UL << 40, Layout.TaskSlot), "a notification's argument");
            check.Equal(Errors.InvalidArgument, Objects.Create(Objects.TypeThread, Free, 1UL << 40, Layout.TaskSlot), "thread argument bit 40");
            check.Equal(Errors.CapsInvalidArgument, Objects.Create(Objects.TypeThread, Free, Endpoint | (1UL << 32), Layout.TaskSlot), "a thread in an endpoint");
            check.Equal(Errors.CapsEmptySlot, Objects.Create(Objects.TypeThread, Free, 21 | (1UL << 32), Layout.TaskSlot), "a thread in an empty slot's task");
            check.Equal(Errors.CapsEmptySlot, Capabilities.Delete(Free), "the destination stays empty");
            Workers.Delete(check, new uint[] { WeakTask, Endpoint });
        }
    }
}
