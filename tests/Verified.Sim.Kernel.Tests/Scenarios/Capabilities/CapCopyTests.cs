// CapCopy (syscall 7): a copy carries the source's rights AND the mask and keeps its badge; a non-zero badge mints,
// once. Every bad word is an error word and leaves the destination empty.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Capabilities
{
    // The folder's namespace hides the user library's class of the same name.
    using Capabilities = Verified.User.Sim.Capabilities;

    public sealed class CapCopyTests
    {
        private const uint ReadOnly = 20;
        private const uint Minted = 21;
        private const uint CopyOfMinted = 22;
        private const uint CopyOfBadged = 23;
        private const ulong NewBadge = 0x77;

        [Fact]
        public void AMaskedCopyHasOnlyTheMaskedRights()
        {
            var world = new World(501);
            ulong copy = 1, send = 1, wait = 1;
            world.Spawn("copier", async ctx =>
            {
                copy = await Capabilities.Copy(ctx, World.Endpoint, ReadOnly, Capabilities.RightRead);
                send = (await Ipc.Send(ctx, ReadOnly, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                wait = (await Ipc.Wait(ctx, ReadOnly, Timeout.Zero)).Result;
            });
            world.RunToEnd();
            Assert.Equal(Ok, copy);
            Assert.Equal(CapsInvalidArgument, send);            // no RightWrite
            Assert.Equal(IpcRecvTimeout | ReceivePhase, wait);  // RightRead: the wait is made, nobody sends
        }

        [Theory]
        [InlineData(502UL)]
        [InlineData(503UL)]
        public void AMintSetsTheBadgeAndCopiesKeepIt(ulong seed)
        {
            var world = new World(seed);
            ulong mint = 1, copyMinted = 1, copyBadged = 1, remint = 1;
            var sent = new ulong[3];
            var badges = new ulong[3];
            world.Spawn("receiver", async ctx =>
            {
                for (int i = 0; i < 3; i++)
                {
                    IpcResult r = await Ipc.Wait(ctx, World.Endpoint);
                    Assert.Equal(Ok, r.Result);
                    badges[i] = r.Badge;
                }
            }, priority: 9);
            world.Spawn("sender", async ctx =>
            {
                mint = await Capabilities.Mint(ctx, World.Endpoint, Minted, Capabilities.AllRights, NewBadge);
                copyMinted = await Capabilities.Copy(ctx, Minted, CopyOfMinted);
                copyBadged = await Capabilities.Copy(ctx, World.BadgedEndpoint, CopyOfBadged);
                remint = await Capabilities.Mint(ctx, Minted, World.EmptySlot, Capabilities.AllRights, 0x99);
                sent[0] = (await Ipc.Send(ctx, Minted, 1, new ulong[] { 1 })).Result;
                sent[1] = (await Ipc.Send(ctx, CopyOfMinted, 2, new ulong[] { 2 })).Result;
                sent[2] = (await Ipc.Send(ctx, CopyOfBadged, 3, new ulong[] { 3 })).Result;
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, mint);
            Assert.Equal(Ok, copyMinted);
            Assert.Equal(Ok, copyBadged);
            Assert.Equal(CapsBadgeSet, remint);
            Assert.Equal(new ulong[] { Ok, Ok, Ok }, sent);
            Assert.Equal(new ulong[] { NewBadge, NewBadge, World.Badge }, badges);
        }

        [Fact]
        public void BadWordsFailAndLeaveTheDestinationEmpty()
        {
            var world = new World(504);
            var results = new ulong[7];
            ulong after = 1;
            world.Spawn("copier", async ctx =>
            {
                results[0] = await Capabilities.CopyRaw(ctx, World.Endpoint, World.EmptySlot, 8, 0);           // reserved mask bit
                results[1] = await Capabilities.CopyRaw(ctx, World.Endpoint, World.EmptySlot, 1UL << 63, 0);
                results[2] = await Capabilities.CopyRaw(ctx, 1UL << 32, World.EmptySlot, 7, 0);                // slot beyond 32 bits
                results[3] = await Capabilities.CopyRaw(ctx, World.Endpoint, World.EmptySlot | (1UL << 40), 7, 0);
                results[4] = await Capabilities.Copy(ctx, World.EmptySlot, World.EmptySlot - 1);
                results[5] = await Capabilities.Copy(ctx, World.Endpoint, World.OutOfRangeSlot);
                results[6] = await Capabilities.Copy(ctx, World.Endpoint, World.Notification);
                after = (await Ipc.Send(ctx, World.EmptySlot, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
            });
            world.RunToEnd();
            Assert.Equal(new ulong[]
            {
                IpcInvalidArgument, IpcInvalidArgument, IpcInvalidArgument, IpcInvalidArgument,
                CapsEmptySlot, CapsInvalidSlot, CapsSlotOccupied,
            }, results);
            Assert.Equal(CapsEmptySlot, after);
        }
    }
}
