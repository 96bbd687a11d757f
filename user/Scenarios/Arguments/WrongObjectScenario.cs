// Every IPC syscall on the wrong kind of object or slot: a notification for an endpoint and the reverse are
// ErrWrongObject (with bit 24 in a receive phase), any other object type, slots out of range or empty are the
// capability core's codes.
using Verified.User.Library;

namespace Verified.User.Scenarios.Arguments
{
    public sealed class WrongObjectScenario : Scenario
    {
        private const uint Endpoint = 2, Notification = 3, Empty = 30;
        private static readonly ulong[] s_word = new ulong[] { 1 };

        public WrongObjectScenario() : base("ipc-wrong-objects")
        {
        }

        public override void Run(Check check)
        {
            if (!Workers.CreateEndpoint(check, Endpoint) || !Workers.CreateNotification(check, Notification))
            {
                return;
            }
            check.Equal(Errors.WrongObject, Ipc.Call(Notification, 1, s_word).Result, "call on a notification");
            check.Equal(Errors.WrongObject, Ipc.Send(Notification, 1, s_word, Timeout.Zero).Result, "send on a notification");
            check.Equal(Errors.WrongObject | ResultWord.ReceivePhaseBit, Ipc.Wait(Notification, Timeout.Zero).Result, "wait on a notification");
            check.Equal(Errors.CapsInvalidArgument, Ipc.Send(Layout.TaskSlot, 1, s_word, Timeout.Zero).Result, "send on a task");
            check.Equal(Errors.CapsInvalidSlot, Ipc.Send(Layout.OutOfRangeSlot, 1, s_word, Timeout.Zero).Result, "send, slot out of range");
            check.Equal(Errors.CapsEmptySlot, Ipc.Send(Empty, 1, s_word, Timeout.Zero).Result, "send, empty slot");
            check.Equal(Errors.CapsInvalidSlot, Ipc.Wait(Layout.OutOfRangeSlot, Timeout.Zero).Result, "wait, slot out of range");
            check.Equal(Errors.CapsEmptySlot, Ipc.Wait(Empty, Timeout.Zero).Result, "wait, empty slot");
            Workers.Delete(check, new uint[] { Endpoint, Notification });
        }
    }
}
