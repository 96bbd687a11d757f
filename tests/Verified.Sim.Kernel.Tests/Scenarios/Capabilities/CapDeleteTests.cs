// CapDelete (syscall 9): the capabilities derived from the slot's go first, then the slot's own; the object lives
// while any capability names it and is destroyed with the last one, after which Create can reuse its index.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Capabilities
{
    // The folder's namespace hides the user library's class of the same name.
    using Capabilities = Verified.User.Sim.Capabilities;

    public sealed class CapDeleteTests
    {
        private const uint Copy = 20;
        private const uint Created = 21;
        // World boots endpoint 0 in slot 1 (with a minted child in slot 3) and endpoint 2 in slot 5.
        private const uint EndpointIndex = 0;

        [Fact]
        public void DeletingACopyLeavesTheObject()
        {
            var world = new World(531);
            ulong delete = 1, viaCopy = 1, viaOriginal = 1;
            world.Spawn("deleter", async ctx =>
            {
                Assert.Equal(Ok, await Capabilities.Copy(ctx, World.Endpoint, Copy));
                delete = await Capabilities.Delete(ctx, Copy);
                viaCopy = (await Ipc.Send(ctx, Copy, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                viaOriginal = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
            });
            world.RunToEnd();
            Assert.Equal(Ok, delete);
            Assert.Equal(CapsEmptySlot, viaCopy);
            Assert.Equal(IpcSendTimeout, viaOriginal);
            Assert.NotEqual(0, world.Kernel.Core.Ipc.epAlive[EndpointIndex]);
        }

        [Fact]
        public void DeletingTheOriginalDeletesItsCopiesAndDestroysTheObject()
        {
            var world = new World(532);
            ulong delete = 1, viaCopy = 1, viaMint = 1, create = 1;
            bool aliveAfterDelete = true;
            world.Spawn("deleter", async ctx =>
            {
                Assert.Equal(Ok, await Capabilities.Copy(ctx, World.Endpoint, Copy));
                delete = await Capabilities.Delete(ctx, World.Endpoint);
                aliveAfterDelete = world.Kernel.Core.Ipc.epAlive[EndpointIndex] != 0;
                viaCopy = (await Ipc.Send(ctx, Copy, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                viaMint = (await Ipc.Send(ctx, World.BadgedEndpoint, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                // The first IPC object index nothing uses is the destroyed endpoint's.
                create = await Threads.Create(ctx, Threads.TypeNotification, Created, 0, World.TaskSlot);
                Assert.Equal(Ok, await Notifications.Notify(ctx, Created, 0x4));
                Assert.Equal((Ok, 0x4UL), await Notifications.Wait(ctx, Created, Timeout.Zero));
            });
            world.RunToEnd();
            Assert.Equal(Ok, delete);
            Assert.False(aliveAfterDelete);
            Assert.Equal(CapsEmptySlot, viaCopy);
            Assert.Equal(CapsEmptySlot, viaMint);
            Assert.Equal(Ok, create);
            Assert.Equal(1UL, world.Kernel.Core.Caps.refCount[EndpointIndex]);
            Assert.NotEqual(0, world.Kernel.Core.Ipc.epAlive[EndpointIndex]);
        }

        [Fact]
        public void DeleteOfBadSlotsFailsAndChangesNothing()
        {
            var world = new World(533);
            var results = new ulong[3];
            ulong after = 1;
            world.Spawn("deleter", async ctx =>
            {
                results[0] = await Capabilities.Delete(ctx, World.EmptySlot);
                results[1] = await Capabilities.Delete(ctx, World.OutOfRangeSlot);
                results[2] = await Capabilities.Delete(ctx, World.Endpoint | (1UL << 32));
                after = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
            });
            world.RunToEnd();
            Assert.Equal(new ulong[] { CapsEmptySlot, CapsInvalidSlot, IpcInvalidArgument }, results);
            Assert.Equal(IpcSendTimeout, after);
        }
    }
}
