// CapRevoke (syscall 10): every capability derived from the slot's, at any depth, goes; the slot's own capability
// and the object stay.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Capabilities
{
    // The folder's namespace hides the user library's class of the same name.
    using Capabilities = Verified.User.Sim.Capabilities;

    public sealed class CapRevokeTests
    {
        private const uint Child = 20;
        private const uint Grandchild = 21;

        [Fact]
        public void RevokeRemovesChildrenAndGrandchildrenAndKeepsTheSlot()
        {
            var world = new World(521);
            ulong revoke = 1, viaChild = 1, viaGrandchild = 1, viaMint = 1, viaParent = 1;
            world.Spawn("revoker", async ctx =>
            {
                Assert.Equal(Ok, await Capabilities.Copy(ctx, World.Endpoint, Child));
                Assert.Equal(Ok, await Capabilities.Copy(ctx, Child, Grandchild));
                revoke = await Capabilities.Revoke(ctx, World.Endpoint);
                viaChild = (await Ipc.Send(ctx, Child, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                viaGrandchild = (await Ipc.Send(ctx, Grandchild, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                // World's badged endpoint was minted from the same capability: a child as well.
                viaMint = (await Ipc.Send(ctx, World.BadgedEndpoint, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                viaParent = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
            });
            world.RunToEnd();
            Assert.Equal(Ok, revoke);
            Assert.Equal(CapsEmptySlot, viaChild);
            Assert.Equal(CapsEmptySlot, viaGrandchild);
            Assert.Equal(CapsEmptySlot, viaMint);
            Assert.Equal(IpcSendTimeout, viaParent);
        }

        [Fact]
        public void RevokeOfAChildLeavesItsParentAndSiblings()
        {
            var world = new World(522);
            ulong revoke = 1, viaSibling = 1, viaGrandchild = 1;
            world.Spawn("revoker", async ctx =>
            {
                Assert.Equal(Ok, await Capabilities.Copy(ctx, World.Endpoint, Child));
                Assert.Equal(Ok, await Capabilities.Copy(ctx, Child, Grandchild));
                revoke = await Capabilities.Revoke(ctx, Child);
                viaGrandchild = (await Ipc.Send(ctx, Grandchild, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                viaSibling = (await Ipc.Send(ctx, World.BadgedEndpoint, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
            });
            world.RunToEnd();
            Assert.Equal(Ok, revoke);
            Assert.Equal(CapsEmptySlot, viaGrandchild);
            Assert.Equal(IpcSendTimeout, viaSibling);
        }

        [Fact]
        public void ManyCopiesAreAllRevokedInOneCall()
        {
            // More copies than the capability core removes in one bounded step (RevokeBatch = 16): the kernel runs
            // the steps to the end.
            var world = new World(523);
            ulong revoke = 1;
            var after = new ulong[18];
            world.Spawn("revoker", async ctx =>
            {
                for (uint i = 0; i < 18; i++)
                {
                    Assert.Equal(Ok, await Capabilities.Copy(ctx, World.Notification, 12 + i));
                }
                revoke = await Capabilities.Revoke(ctx, World.Notification);
                for (uint i = 0; i < 18; i++)
                {
                    after[i] = await Notifications.Notify(ctx, 12 + i, 1);
                }
                Assert.Equal(Ok, await Notifications.Notify(ctx, World.Notification, 1));
            });
            world.RunToEnd();
            Assert.Equal(Ok, revoke);
            Assert.All(after, r => Assert.Equal(CapsEmptySlot, r));
        }

        [Fact]
        public void RevokeOfBadSlotsFails()
        {
            var world = new World(524);
            var results = new ulong[3];
            world.Spawn("revoker", async ctx =>
            {
                results[0] = await Capabilities.Revoke(ctx, World.EmptySlot);
                results[1] = await Capabilities.Revoke(ctx, World.OutOfRangeSlot);
                results[2] = await Capabilities.Revoke(ctx, ulong.MaxValue);
            });
            world.RunToEnd();
            Assert.Equal(new ulong[] { CapsEmptySlot, CapsInvalidSlot, IpcInvalidArgument }, results);
        }
    }
}
