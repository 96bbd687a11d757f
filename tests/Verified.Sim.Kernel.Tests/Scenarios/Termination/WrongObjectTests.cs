// Argument cases on every IPC syscall: a notification where an endpoint is expected or the reverse is IPC
// ErrWrongObject (16); an empty or out-of-range slot, or a capability to another kind of object, is the capability
// core's error, without bit 24 even in a receive specifier (abi.md section 9: only IPC-domain decoding errors carry
// it). Each call changes neither core and does not block.
using System;
using System.Threading.Tasks;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class WrongObjectTests
    {
        public enum Operation { Send, Call, Wait, ReplyWait, Notify, NotifyWait, Cancel }

        [Theory]
        [InlineData(Operation.Send, World.Notification, IpcWrongObject)]
        [InlineData(Operation.Call, World.Notification, IpcWrongObject)]
        [InlineData(Operation.Wait, World.Notification, IpcWrongObject | ReceivePhase)]
        [InlineData(Operation.ReplyWait, World.Notification, IpcWrongObject | ReceivePhase)]
        [InlineData(Operation.Notify, World.Endpoint, IpcWrongObject)]
        [InlineData(Operation.NotifyWait, World.Endpoint, IpcWrongObject)]
        [InlineData(Operation.Send, World.TaskSlot, CapsInvalidArgument)]
        [InlineData(Operation.Notify, World.TaskSlot, CapsInvalidArgument)]
        [InlineData(Operation.Cancel, World.Endpoint, CapsInvalidArgument)]
        public void TheWrongKindOfObjectIsRefused(Operation operation, uint slot, ulong expected) =>
            Expect(operation, slot, expected);

        [Theory]
        [InlineData(Operation.Send)]
        [InlineData(Operation.Call)]
        [InlineData(Operation.Wait)]
        [InlineData(Operation.ReplyWait)]
        [InlineData(Operation.Notify)]
        [InlineData(Operation.NotifyWait)]
        [InlineData(Operation.Cancel)]
        public void AnEmptySlotIsRefused(Operation operation) =>
            Expect(operation, World.EmptySlot, CapsEmptySlot);

        [Theory]
        [InlineData(Operation.Send)]
        [InlineData(Operation.Call)]
        [InlineData(Operation.Wait)]
        [InlineData(Operation.ReplyWait)]
        [InlineData(Operation.Notify)]
        [InlineData(Operation.NotifyWait)]
        [InlineData(Operation.Cancel)]
        public void AnOutOfRangeSlotIsRefused(Operation operation) =>
            Expect(operation, World.OutOfRangeSlot, CapsInvalidSlot);

        private static void Expect(Operation operation, uint slot, ulong expected)
        {
            var world = new World(161);
            ulong result = 1;
            world.Spawn("caller", async ctx =>
            {
                ulong[] before = CoreSnapshot.Take(world.Kernel.Core);
                result = await Invoke(ctx, operation, slot);
                Assert.Equal(before, CoreSnapshot.Take(world.Kernel.Core));
            });
            world.RunToEnd();
            Assert.Equal(expected, result);
        }

        private static async Task<ulong> Invoke(Verified.Hal.Sim.Machine.SimUserContext ctx, Operation operation, uint slot)
        {
            ulong[] words = { 1 };
            return operation switch
            {
                Operation.Send => (await Ipc.Send(ctx, slot, 1, words)).Result,
                Operation.Call => (await Ipc.Call(ctx, slot, 1, words)).Result,
                Operation.Wait => (await Ipc.Wait(ctx, slot)).Result,
                Operation.ReplyWait => (await Ipc.ReplyWait(ctx, slot, 1, words)).Result,
                Operation.Notify => await Notifications.Notify(ctx, slot, 1),
                Operation.NotifyWait => (await Notifications.Wait(ctx, slot)).Result,
                _ => (await Threads.Cancel(ctx, slot)).Result,
            };
        }
    }
}
