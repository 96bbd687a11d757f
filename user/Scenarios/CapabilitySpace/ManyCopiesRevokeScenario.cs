// A revoke of more copies than the capability core removes in one bounded step (RevokeBatch = 16): the kernel runs
// the steps to the end within the one call, so all eighteen copies are gone and the original still works.
using Verified.User.Library;

namespace Verified.User.Scenarios.CapabilitySpace
{
    public sealed class ManyCopiesRevokeScenario : Scenario
    {
        private const uint Notification = 2, FirstCopy = 3;
        private const uint Copies = 18;

        public ManyCopiesRevokeScenario() : base("revoke-many-copies")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Notification))
            {
                return;
            }
            for (uint i = 0; i < Copies; i++)
            {
                check.Equal(ResultWord.Ok, Capabilities.Copy(Notification, FirstCopy + i), "a copy");
            }
            check.Equal(ResultWord.Ok, Capabilities.Revoke(Notification), "revoke the original");
            for (uint i = 0; i < Copies; i++)
            {
                check.Equal(Errors.CapsEmptySlot, Notifications.Notify(FirstCopy + i, 1), string.Concat("notify through copy ", i.ToString()));
            }
            check.Equal(ResultWord.Ok, Notifications.Notify(Notification, 1), "notify through the original");
            Workers.Delete(check, Notification);
        }
    }
}
