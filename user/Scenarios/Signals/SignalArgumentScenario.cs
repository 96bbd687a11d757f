// Bad arguments of Notify and NotifyWait: reserved or malformed timeout words, slots out of range or empty, an
// endpoint where a notification is expected, a capability without the right.
using Verified.User.Library;

namespace Verified.User.Scenarios.Signals
{
    public sealed class SignalArgumentScenario : Scenario
    {
        private const uint Signal = 2, Endpoint = 3, ReadOnly = 4, Empty = 20;

        public SignalArgumentScenario() : base("notify-bad-arguments")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateNotification(check, Signal) || !Workers.CreateEndpoint(check, Endpoint)
                || !check.Equal(ResultWord.Ok, Capabilities.Copy(Signal, ReadOnly, Capabilities.RightRead), "read-only copy"))
            {
                return;
            }
            ulong bits;
            check.Equal(Errors.InvalidArgument, Notifications.WaitRaw(Signal, 1, out bits), "rdx bit 0");
            check.Equal(Errors.InvalidArgument, Notifications.WaitRaw(Signal, 1UL << 40, out bits), "rdx bit 40");
            check.Equal(Errors.InvalidArgument, Notifications.WaitRaw(Signal, 0x8000UL << 16, out bits), "timeout 0x8000");
            check.Equal(Errors.InvalidArgument, Notifications.WaitRaw(Signal, 0x7C00UL << 16, out bits), "exponent 31");
            check.Equal(Errors.CapsInvalidSlot, Notifications.Notify(Layout.OutOfRangeSlot, 1), "notify, slot out of range");
            check.Equal(Errors.CapsEmptySlot, Notifications.Notify(Empty, 1), "notify, empty slot");
            check.Equal(Errors.WrongObject, Notifications.Notify(Endpoint, 1), "notify on an endpoint");
            check.Equal(Errors.WrongObject, Notifications.Wait(Endpoint, Timeout.Zero, out bits), "wait on an endpoint");
            check.Equal(Errors.CapsInvalidArgument, Notifications.Notify(ReadOnly, 1), "notify without RightWrite");
            check.Equal(Errors.CapsInvalidArgument, Notifications.Notify(Layout.TaskSlot, 1), "notify on a task");
            check.Equal(Errors.RecvTimeout, Notifications.Wait(Signal, Timeout.Zero, out bits), "nothing was signalled");
            Workers.Delete(check, new uint[] { ReadOnly, Signal, Endpoint });
        }
    }
}
