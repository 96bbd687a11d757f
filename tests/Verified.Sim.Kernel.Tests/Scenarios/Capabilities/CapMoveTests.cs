// CapMove (syscall 8): the capability changes slot with its rights, badge and place in the derivation tree; a
// failed move leaves both slots as they were.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Capabilities
{
    // The folder's namespace hides the user library's class of the same name.
    using Capabilities = Verified.User.Sim.Capabilities;

    public sealed class CapMoveTests
    {
        private const uint Moved = 20;
        private const uint Copy = 21;

        [Theory]
        [InlineData(511UL)]
        [InlineData(512UL)]
        public void AMovedCapabilityKeepsItsBadgeAndTheOldSlotIsEmpty(ulong seed)
        {
            var world = new World(seed);
            ulong move = 1, oldSlot = 1, sent = 1;
            IpcResult? received = null;
            world.Spawn("receiver", async ctx => received = await Ipc.Wait(ctx, World.Endpoint), priority: 9);
            world.Spawn("mover", async ctx =>
            {
                move = await Capabilities.Move(ctx, World.BadgedEndpoint, Moved);
                oldSlot = (await Ipc.Send(ctx, World.BadgedEndpoint, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                sent = (await Ipc.Send(ctx, Moved, 2, new ulong[] { 2 })).Result;
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, move);
            Assert.Equal(CapsEmptySlot, oldSlot);
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received!.Result);
            Assert.Equal(World.Badge, received.Badge);
            Assert.Equal(new ulong[] { 2 }, received.Words);
        }

        [Fact]
        public void AMovedParentStillRevokesItsCopies()
        {
            var world = new World(513);
            ulong copy = 1, move = 1, revoke = 1, viaCopy = 1, viaMoved = 1;
            world.Spawn("mover", async ctx =>
            {
                copy = await Capabilities.Copy(ctx, World.SecondEndpoint, Copy);
                move = await Capabilities.Move(ctx, World.SecondEndpoint, Moved);
                revoke = await Capabilities.Revoke(ctx, Moved);
                viaCopy = (await Ipc.Send(ctx, Copy, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                viaMoved = (await Ipc.Send(ctx, Moved, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
            });
            world.RunToEnd();
            Assert.Equal(new ulong[] { Ok, Ok, Ok }, new[] { copy, move, revoke });
            Assert.Equal(CapsEmptySlot, viaCopy);
            Assert.Equal(IpcSendTimeout, viaMoved);   // the endpoint lives on: nobody receives
        }

        [Fact]
        public void AFailedMoveChangesNeitherSlot()
        {
            var world = new World(514);
            var results = new ulong[5];
            ulong source = 1, destination = 1;
            world.Spawn("mover", async ctx =>
            {
                results[0] = await Capabilities.Move(ctx, World.Endpoint, World.Notification);
                results[1] = await Capabilities.Move(ctx, World.EmptySlot, Moved);
                results[2] = await Capabilities.Move(ctx, World.Endpoint, World.OutOfRangeSlot);
                results[3] = await Capabilities.Move(ctx, World.Endpoint, 1UL << 32);
                results[4] = await Capabilities.Move(ctx, World.Endpoint, World.Endpoint);
                source = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                destination = await Notifications.Notify(ctx, World.Notification, 1);
            });
            world.RunToEnd();
            Assert.Equal(new ulong[] { CapsSlotOccupied, CapsEmptySlot, CapsInvalidSlot, IpcInvalidArgument, CapsSlotOccupied },
                results);
            Assert.Equal(IpcSendTimeout, source);
            Assert.Equal(Ok, destination);
        }
    }
}
