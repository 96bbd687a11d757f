// Create makes endpoints, notifications and threads whose capabilities work at once; a created thread runs the
// code the machine prepared for it.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class CreateTests
    {
        private const uint NewEndpoint = 10;
        private const uint NewNotification = 11;
        private const uint NewThread = 12;

        [Theory]
        [InlineData(41UL)]
        [InlineData(42UL)]
        public void CreatedObjectsWorkAndACreatedThreadCallsItsParent(ulong seed)
        {
            var world = new World(seed);
            ulong childCall = 1;
            ulong[] childReply = System.Array.Empty<ulong>();
            world.Kernel.Prepare("child", world.Task, async ctx =>
            {
                IpcResult reply = await Ipc.Call(ctx, NewEndpoint, 0x7, new ulong[] { 1, 2, 3 });
                childCall = reply.Result;
                childReply = reply.Words;
            });
            world.Spawn("parent", async ctx =>
            {
                Assert.Equal(Ok, await Threads.Create(ctx, Threads.TypeEndpoint, NewEndpoint, 0, World.TaskSlot));
                Assert.Equal(Ok, await Threads.Create(ctx, Threads.TypeNotification, NewNotification, 0, World.TaskSlot));
                Assert.Equal(Ok, await Notifications.Notify(ctx, NewNotification, 0x30));
                Assert.Equal((Ok, 0x30UL), await Notifications.Wait(ctx, NewNotification, Timeout.Zero));
                Assert.Equal(Ok, await Threads.Create(ctx, Threads.TypeThread, NewThread, World.TaskSlot | (1UL << 32), World.TaskSlot));
                IpcResult request = await Ipc.Wait(ctx, NewEndpoint);
                Assert.Equal(Ok, request.Result);
                Assert.Equal(new ulong[] { 1, 2, 3 }, request.Words);
                Assert.True(request.ReplyExpected);
                Assert.Equal(Ok, (await Ipc.Reply(ctx, 0x8, new ulong[] { 6 })).Result);
                // A second Create into the same slot finds it occupied; the first objects are untouched.
                Assert.Equal(CapsSlotOccupied, await Threads.Create(ctx, Threads.TypeNotification, NewNotification, 0, World.TaskSlot));
            });
            world.RunToEnd();
            Assert.Equal(Ok, childCall);
            Assert.Equal(new ulong[] { 6 }, childReply);
        }
    }
}
