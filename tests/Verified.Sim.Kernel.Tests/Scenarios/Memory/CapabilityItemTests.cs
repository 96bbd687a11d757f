// Capability items (kind 12): a copy with a rights mask and a move, into the receiver's slots from BR2 on, each
// checked by using the capability on both sides afterwards; the send-time checks (RightGrant on the endpoint, the
// source slot) change nothing; delivery failures are details of a successful IPC.
using System;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Memory.MemoryCodes;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.Memory
{
    public sealed class CapabilityItemTests
    {
        private const uint Landing = 20;
        private const ulong WriteOnly = 2;

        [Fact]
        public void ACopyCutsRightsAndTheSenderKeepsItsCapability()
        {
            Scenario.ForEachSeed(seed =>
            {
                var w = new MemoryWorld(seed);
                ulong sent = 1, notified = 1, waited = 1, senderNotify = 1, bits = 0, detail = 1;
                w.Spawn("sender", 1, async ctx =>
                {
                    sent = (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                        new[] { M.Capability(World.Notification, move: false, mask: (byte)WriteOnly) })).Result;
                    detail = M.ErrorDetail(ctx);
                    senderNotify = await Notifications.Notify(ctx, World.Notification, 0x10);
                });
                w.Spawn("receiver", 2, async ctx =>
                {
                    M.Accept(ctx, 0, Landing);
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                    notified = await Notifications.Notify(ctx, Landing, 0x1);
                    waited = (await Notifications.Wait(ctx, Landing)).Result;
                });
                w.Spawn("waiter", 3, async ctx =>
                {
                    (ulong result, ulong b) = await Notifications.Wait(ctx, World.Notification);
                    Assert.Equal(Ok, result);
                    bits |= b;
                    if (bits != 0x11)
                    {
                        (result, b) = await Notifications.Wait(ctx, World.Notification);
                        Assert.Equal(Ok, result);
                        bits |= b;
                    }
                });
                w.World.RunToEnd();
                Assert.Equal(Ok, sent);
                Assert.Equal(0ul, detail);
                Assert.Equal(Ok, notified);                  // the copy has RightWrite
                Assert.Equal(CapsInvalidArgument, waited);   // and not RightRead
                Assert.Equal(Ok, senderNotify);
                Assert.Equal(0x11ul, bits);
            });
        }

        [Fact]
        public void AMoveEmptiesTheSendersSlot()
        {
            var w = new MemoryWorld(31);
            ulong sent = 1, after = 1, used = 1;
            w.Spawn("sender", 1, async ctx =>
            {
                sent = (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Capability(World.SecondEndpoint, move: true) })).Result;
                after = await Notifications.Notify(ctx, World.SecondEndpoint, 1);
            });
            w.Spawn("receiver", 2, async ctx =>
            {
                M.Accept(ctx, 0, Landing);
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                // the moved endpoint capability works in its new slot: a zero-timeout send finds nobody
                used = (await Ipc.Send(ctx, Landing + 0, 1, Array.Empty<ulong>(), Timeout.Zero)).Result;
            });
            w.World.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(CapsEmptySlot, after);
            Assert.Equal(IpcSendTimeout, used);
        }

        [Fact]
        public void SendTimeChecksChangeNothing()
        {
            var w = new MemoryWorld(32);
            ulong grantless = 1, empty = 1, badMove = 1, still = 1;
            w.Spawn("sender", 1, async ctx =>
            {
                grantless = (await ItemMessage.Send(ctx, MemoryWorld.Grantless, 1, Array.Empty<ulong>(),
                    new[] { M.Capability(World.Notification) }, Timeout.Zero)).Result;
                empty = (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Capability(World.EmptySlot) }, Timeout.Zero)).Result;
                badMove = (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Capability(World.Notification, move: true, mask: 3) }, Timeout.Zero)).Result;
                still = await Notifications.Notify(ctx, World.Notification, 1);
            });
            w.World.RunToEnd();
            Assert.Equal(CapsInvalidArgument, grantless);
            Assert.Equal(CapsEmptySlot, empty);
            Assert.Equal(IpcInvalidArgument, badMove);
            Assert.Equal(Ok, still);
        }

        [Fact]
        public void DeliveryFailuresAreDetailsOfBothThreads()
        {
            // item 0 lands on an occupied slot (the receiver's own endpoint), item 1 in the free one after it; a
            // second message goes to a receiver that accepts no capabilities.
            var w = new MemoryWorld(33);
            ulong sent = 1, senderDetail = 0, receiverDetail = 0, refusedDetail = 0, landed = 1;
            w.Spawn("sender", 1, async ctx =>
            {
                sent = (await ItemMessage.Send(ctx, World.Endpoint, 1, new ulong[] { 9 }, new[]
                {
                    M.Capability(World.Notification),
                    M.Capability(World.Notification, mask: (byte)WriteOnly),
                })).Result;
                senderDetail = M.ErrorDetail(ctx);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Capability(World.Notification) })).Result);
            });
            w.Spawn("receiver", 2, async ctx =>
            {
                M.Accept(ctx, 0, MemoryWorld.Grantless);
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                receiverDetail = M.ErrorDetail(ctx);
                landed = await Notifications.Notify(ctx, MemoryWorld.Grantless + 1, 4);
                M.Accept(ctx, 0);
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                refusedDetail = M.ErrorDetail(ctx);
            });
            w.World.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(Detail(CapsSlotOccupied, 0), senderDetail);
            Assert.Equal(Detail(CapsSlotOccupied, 0), receiverDetail);
            Assert.Equal(Ok, landed);
            Assert.Equal(Detail(CapsInvalidArgument, 0), refusedDetail);
            w.Kernel.Core.Caps.Lookup(2, MemoryWorld.Grantless + 1, out uint err, out uint node);
            Assert.Equal(0u, err);
            Assert.Equal(CapsTypes.__default.TypeNotification, w.Kernel.Core.Caps.capType[node]);
            Assert.Equal((byte)WriteOnly, w.Kernel.Core.Caps.capRights[node]);
            // the occupied slot keeps what it held
            w.Kernel.Core.Caps.Lookup(2, MemoryWorld.Grantless, out err, out node);
            Assert.Equal(CapsTypes.__default.TypeEndpoint, w.Kernel.Core.Caps.capType[node]);
            Assert.Equal((byte)3, w.Kernel.Core.Caps.capRights[node]);
        }
    }
}
