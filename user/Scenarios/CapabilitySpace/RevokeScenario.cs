// CapRevoke removes every capability derived from the slot's, at any depth, and keeps the slot's own: revoking the
// root empties children and grandchildren, revoking a child only its own subtree. Bad slots fail.
using Verified.User.Library;

namespace Verified.User.Scenarios.CapabilitySpace
{
    public sealed class RevokeScenario : Scenario
    {
        private const uint Endpoint = 2, Child = 3, Grandchild = 4, Sibling = 5, Minted = 6, Empty = 30;

        public RevokeScenario() : base("cap-revoke")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Derive(check))
            {
                return;
            }
            check.Equal(ResultWord.Ok, Capabilities.Revoke(Child), "revoke the child");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Grandchild), "the grandchild is gone");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Minted), "the child's minted copy is gone");
            check.Equal(Errors.SendTimeout, Probe.Send(Child), "the child stays");
            check.Equal(Errors.SendTimeout, Probe.Send(Sibling), "its sibling stays");
            Workers.Delete(check, new uint[] { Child, Sibling });
            if (!Derive(check))
            {
                return;
            }
            check.Equal(ResultWord.Ok, Capabilities.Revoke(Endpoint), "revoke the root");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Child), "the child is gone");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Grandchild), "the grandchild is gone");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Sibling), "the sibling is gone");
            check.Equal(Errors.CapsEmptySlot, Probe.Send(Minted), "the minted copy is gone");
            check.Equal(Errors.SendTimeout, Probe.Send(Endpoint), "the root stays and the endpoint lives");
            check.Equal(ResultWord.Ok, Capabilities.Revoke(Endpoint), "revoke with nothing derived");
            check.Equal(Errors.CapsEmptySlot, Capabilities.Revoke(Empty), "revoke an empty slot");
            check.Equal(Errors.CapsInvalidSlot, Capabilities.Revoke(Layout.OutOfRangeSlot), "revoke out of range");
            check.Equal(Errors.InvalidArgument, Capabilities.Revoke(ulong.MaxValue), "revoke beyond 32 bits");
            Workers.Delete(check, Endpoint);
        }

        private static bool Derive(Check check) =>
            check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, Child), "child")
            && check.Equal(ResultWord.Ok, Capabilities.Copy(Child, Grandchild), "grandchild")
            && check.Equal(ResultWord.Ok, Capabilities.Copy(Endpoint, Sibling), "sibling")
            && check.Equal(ResultWord.Ok, Capabilities.Mint(Child, Minted, Capabilities.AllRights, 7), "minted child of the child");
    }
}
