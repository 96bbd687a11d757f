// Items in replies and mixed messages: a reply maps into the caller's window (as a pager's would); a map item and
// capability items in one message, capability slots counted over capability items only; grant refusals of the
// mapping core (a sigma0 root, a cut under derived mappings) as details; a later clean delivery clears the detail.
using System;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Memory.MemoryCodes;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.Memory
{
    public sealed class MixedItemTests
    {
        [Fact]
        public void AReplyMapsIntoTheCallersWindow()
        {
            Scenario.ForEachSeed(seed =>
            {
                var w = new MemoryWorld(seed);
                ulong called = 1, seen = 0;
                w.Spawn("client", 1, async ctx =>
                {
                    M.Accept(ctx, M.Flexpage(M.Page(700), 0, M.RightsRW));
                    IpcResult r = await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 11 });
                    called = r.Result;
                    seen = await ctx.ReadUInt64(M.Page(700) + 16);
                });
                w.Spawn("pager", MemoryWorld.Sigma0, async ctx =>
                {
                    await ctx.WriteUInt64(M.Page(11) + 16, 0x9A6E);
                    IpcResult request = await Ipc.Wait(ctx, World.Endpoint);
                    Assert.Equal(Ok, request.Result);
                    Assert.Equal(Ok, (await ItemMessage.Reply(ctx, 2, Array.Empty<ulong>(),
                        new[] { M.Map(M.Flexpage(M.Page(request.Words[0]), 0, M.RightsRW)) })).Result);
                });
                w.World.RunToEnd();
                Assert.Equal(Ok, called);
                Assert.Equal(0x9A6Eul, seen);
                w.AssertMapped(1, 700, 11, M.RightsRW);
            });
        }

        [Fact]
        public void MapAndCapabilityItemsInOneMessage()
        {
            var w = new MemoryWorld(71);
            ulong received = 1, detail = 1, word = 0;
            var receivedTag = 0ul;
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                await ctx.WriteUInt64(M.Page(20), 0x2020);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 5, new ulong[] { 77 }, new[]
                {
                    M.Capability(World.Notification),
                    M.Map(M.Flexpage(M.Page(20), 0, M.RightsR)),
                    M.Capability(Scenario.SecondNotification, mask: 1),
                })).Result);
            });
            w.Spawn("receiver", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(800), 0, M.RightsR), 20);
                IpcResult r = await Ipc.Wait(ctx, World.Endpoint);
                received = r.Result;
                receivedTag = r.Tag;
                detail = M.ErrorDetail(ctx);
                word = await ctx.ReadUInt64(M.Page(800));
            });
            w.World.RunToEnd();
            Assert.Equal(Ok, received);
            Assert.Equal(ItemMessage.Tag(5, 1, 3), receivedTag);
            Assert.Equal(0ul, detail);
            Assert.Equal(0x2020ul, word);
            var caps = w.Kernel.Core.Caps;
            caps.Lookup(1, 20, out uint err, out uint node);
            Assert.Equal(0u, err);
            Assert.Equal(CapsTypes.__default.TypeNotification, caps.capType[node]);
            Assert.Equal((byte)7, caps.capRights[node]);
            caps.Lookup(1, 21, out err, out node);
            Assert.Equal(CapsTypes.__default.TypeNotification, caps.capType[node]);
            Assert.Equal((byte)1, caps.capRights[node]);
            caps.Lookup(1, 22, out err, out node);
            Assert.Equal(CapsTypes.__default.TypeNull, caps.capType[node]);
        }

        [Fact]
        public void GrantRefusalsAreDetailsAndACleanDeliveryClearsThem()
        {
            var w = new MemoryWorld(72);
            var details = new ulong[3];
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                // a sigma0 root never moves
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Grant(M.Flexpage(M.Page(30), 0, M.RightsRW)) })).Result);
                details[0] = M.ErrorDetail(ctx);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(30), 0, M.RightsRW)) })).Result);
            });
            w.Spawn("middle", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(900), 0, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                // 900 now maps frame 30 and derives 950 in task 2 (below); a read-only grant would cut rights under it
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.SecondEndpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(900), 0, M.RightsRW)) })).Result);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.SecondEndpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Grant(M.Flexpage(M.Page(900), 0, M.RightsR)) })).Result);
                details[1] = M.ErrorDetail(ctx);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.SecondEndpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Grant(M.Flexpage(M.Page(900), 0, M.RightsRW)) })).Result);
                details[2] = M.ErrorDetail(ctx);
            });
            w.Spawn("below", 2, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(950), 0, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
                M.Accept(ctx, M.Flexpage(M.Page(960), 0, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
            });
            w.World.RunToEnd();
            Assert.Equal(Detail(MappingInvalidArgument, 0), details[0]);
            Assert.Equal(Detail(MappingNoRights, 0), details[1]);
            Assert.Equal(0ul, details[2]);
            // the full-rights grant moved 900 (and what derives from it) to task 2's 960
            w.AssertUnmapped(1, 900);
            w.AssertMapped(2, 960, 30, M.RightsRW);
            w.AssertMapped(2, 950, 30, M.RightsRW);
            var db = w.Kernel.Core.Mapping;
            Assert.Equal(db.slot[2 * 4096 + 960], db.parent[db.slot[2 * 4096 + 950]]);
        }
    }
}
