// CapDelete: deleting a copy leaves the object; deleting the original deletes its copies and destroys the object,
// whose index a new Create can take again. Bad slots fail.
using Verified.User.Library;

namespace Verified.User.Scenarios.CapabilitySpace
{
    public sealed class DeleteScenario : Scenario
    {
        private const uint Endpoint = 2, Copy = 3, Minted = 4, Created = 5, Empty = 30;

        public DeleteScenario() : base("cap-delete")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint))
            {
                return;
            }
            check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, Copy), "copy");
            check.Equal(ResultWord.Ok, Capabilities.Delete(Copy), "delete the copy");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Copy), "the copy is gone");
            check.Equal(Errors.SendTimeout, Probe.Send(Endpoint), "the endpoint lives");
            check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, Copy), "copy again");
            check.Equal(ResultWord.Ok, Capabilities.Mint(Copy, Minted, Capabilities.AllRights, 3), "mint from the copy");
            check.Equal(ResultWord.Ok, Capabilities.Delete(Endpoint), "delete the original");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Copy), "the copy went with it");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Minted), "the minted copy of the copy went with it");
            check.Equal(Errors.CapsEmptySlot, Capabilities.Delete(Empty), "delete an empty slot");
            check.Equal(Errors.CapsInvalidSlot, Capabilities.Delete(Layout.OutOfRangeSlot), "delete out of range");
            check.Equal(Errors.InvalidArgument, Capabilities.Delete(Endpoint | (1UL << 32)), "delete beyond 32 bits");
            // The destroyed object's index is free again: a new notification can be made and used.
            if (Workers.CreateNotification(check, Created))
            {
                check.Equal(ResultWord.Ok, Notifications.Notify(Created, 4), "notify the new object");
                ulong bits;
                check.Equal(ResultWord.Ok, Notifications.Wait(Created, Timeout.Zero, out bits), "wait on it");
                check.Equal(4, bits, "its bits");
                Workers.Delete(check, Created);
            }
        }
    }
}
