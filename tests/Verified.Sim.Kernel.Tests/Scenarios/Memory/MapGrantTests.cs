// Map and grant items through IPC, checked by user reads and writes through the page tables the mapping core
// wrote: sigma0 maps its frames to another task, flexpages land by the L4 placement rule, rights are cut to the
// item's and the window's, a grant moves the mapping (the granter's accesses fault afterwards).
using System;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Memory.MemoryCodes;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.Memory
{
    public sealed class MapGrantTests
    {
        [Fact]
        public void AMapItemSharesAFrameBothSidesReadAndWrite()
        {
            Scenario.ForEachSeed(seed =>
            {
                var w = new MemoryWorld(seed);
                ulong sent = 1, received = 1, seen = 0, back = 0, senderDetail = 1, receiverDetail = 1;
                w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
                {
                    await ctx.WriteUInt64(M.Page(3) + 8, 0x5EED);
                    sent = (await ItemMessage.Call(ctx, World.Endpoint, 1, new ulong[] { 42 },
                        new[] { M.Map(M.Flexpage(M.Page(3), 0, M.RightsRW)) })).Result;
                    senderDetail = M.ErrorDetail(ctx);
                    back = await ctx.ReadUInt64(M.Page(3) + 8);
                });
                w.Spawn("client", 1, async ctx =>
                {
                    M.Accept(ctx, M.Flexpage(M.Page(100), 0, M.RightsAll));
                    IpcResult r = await Ipc.Wait(ctx, World.Endpoint);
                    received = r.Result;
                    receiverDetail = M.ErrorDetail(ctx);
                    Assert.Equal(new ulong[] { 42 }, r.Words);
                    seen = await ctx.ReadUInt64(M.Page(100) + 8);
                    await ctx.WriteUInt64(M.Page(100) + 8, 0xB4C);
                    Assert.Equal(Ok, (await Ipc.Reply(ctx, 2, Array.Empty<ulong>())).Result);
                });
                w.World.RunToEnd();
                Assert.Equal(Ok, sent);
                Assert.Equal(Ok, received);
                Assert.Equal(0ul, senderDetail);
                Assert.Equal(0ul, receiverDetail);
                Assert.Equal(0x5EEDul, seen);
                Assert.Equal(0xB4Cul, back);
                // rights: the item's RW AND the window's RWX
                w.AssertMapped(1, 100, 3, M.RightsRW);
                w.AssertMapped(MemoryWorld.Sigma0, 3, 3, M.RightsAll);
            });
        }

        [Fact]
        public void ASmallFlexpageLandsAtTheHotSpotOfALargeWindow()
        {
            var w = new MemoryWorld(11);
            ulong sent = 1, received = 1;
            var seen = new ulong[4];
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                for (ulong i = 0; i < 4; i++)
                {
                    await ctx.WriteUInt64(M.Page(8 + i), 100 + i);
                }
                // 4 pages at page 8 into a 16-page window: the hot spot's offset 9 in the window selects the 4-page
                // aligned slot at 8.
                sent = (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(8), 2, M.RightsR), M.Page(16 * 5 + 9)) })).Result;
            });
            w.Spawn("client", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(32), 4, M.RightsRW));
                received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                for (ulong i = 0; i < 4; i++)
                {
                    seen[i] = await ctx.ReadUInt64(M.Page(32 + 8 + i));
                }
            });
            w.World.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received);
            Assert.Equal(new ulong[] { 100, 101, 102, 103 }, seen);
            for (ulong i = 0; i < 4; i++)
            {
                w.AssertMapped(1, 32 + 8 + i, 8 + i, M.RightsR);
            }
            w.AssertUnmapped(1, 32 + 7);
            w.AssertUnmapped(1, 32 + 12);
        }

        [Fact]
        public void ALargeFlexpageFillsASmallWindowFromTheHotSpot()
        {
            var w = new MemoryWorld(12);
            ulong received = 1;
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                // 16 pages at 16 into a 2-page window: hot spot offset 6 selects pages 22 and 23.
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(16), 4, M.RightsRW), M.Page(6)) })).Result);
            });
            w.Spawn("client", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(200), 1, M.RightsRW));
                received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
            });
            w.World.RunToEnd();
            Assert.Equal(Ok, received);
            w.AssertMapped(1, 200, 22, M.RightsRW);
            w.AssertMapped(1, 201, 23, M.RightsRW);
        }

        [Fact]
        public void AReadOnlyMappingFaultsOnWrite()
        {
            var w = new MemoryWorld(13);
            ulong seen = 0;
            SimThread? client = null;
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                await ctx.WriteUInt64(M.Page(5), 77);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(5), 0, M.RightsR | M.RightsX)) })).Result);
            });
            client = w.Spawn("client", 1, async ctx =>
            {
                // RX (5) is not above RW (6) for the IPC core's comparison, but not a subset either: the delivery
                // maps the intersection, read only.
                M.Accept(ctx, M.Flexpage(M.Page(50), 0, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                seen = await ctx.ReadUInt64(M.Page(50));
                await ctx.WriteUInt64(M.Page(50), 1);
                throw new InvalidOperationException("the write to a read-only mapping did not fault");
            });
            w.World.RunToEnd();
            Assert.Equal(77ul, seen);
            w.AssertMapped(1, 50, 5, M.RightsR);
            w.AssertPageFaults((client, M.Page(50)));
        }

        [Fact]
        public void AGrantMovesTheMappingTheGranterFaultsAfterwards()
        {
            Scenario.ForEachSeed(seed =>
            {
                var w = new MemoryWorld(seed);
                ulong seen = 0, granted = 1, detail = 1;
                SimThread? pager = null;
                w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
                {
                    await ctx.WriteUInt64(M.Page(7), 0x6A);
                    Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                        new[] { M.Map(M.Flexpage(M.Page(7), 0, M.RightsRW)) })).Result);
                });
                pager = w.Spawn("pager", 1, async ctx =>
                {
                    M.Accept(ctx, M.Flexpage(M.Page(10), 0, M.RightsRW));
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                    Assert.Equal(0x6Aul, await ctx.ReadUInt64(M.Page(10)));
                    granted = (await ItemMessage.Send(ctx, World.SecondEndpoint, 2, Array.Empty<ulong>(),
                        new[] { M.Grant(M.Flexpage(M.Page(10), 0, M.RightsRW)) })).Result;
                    detail = M.ErrorDetail(ctx);
                    await ctx.ReadUInt64(M.Page(10));
                    throw new InvalidOperationException("the granter still reads the granted page");
                });
                w.Spawn("client", 2, async ctx =>
                {
                    M.Accept(ctx, M.Flexpage(M.Page(20), 0, M.RightsRW));
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
                    seen = await ctx.ReadUInt64(M.Page(20));
                });
                w.World.RunToEnd();
                Assert.Equal(Ok, granted);
                Assert.Equal(0ul, detail);
                Assert.Equal(0x6Aul, seen);
                w.AssertUnmapped(1, 10);
                w.AssertMapped(2, 20, 7, M.RightsRW);
                w.AssertPageFaults((pager, M.Page(10)));
            });
        }

        [Fact]
        public void AGrantItemNeedsRightGrantOnTheEndpoint()
        {
            var w = new MemoryWorld(14);
            ulong sent = 1;
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                sent = (await ItemMessage.Send(ctx, MemoryWorld.Grantless, 1, Array.Empty<ulong>(),
                    new[] { M.Grant(M.Flexpage(M.Page(40), 0, M.RightsRW)) }, Timeout.Zero)).Result;
            });
            w.World.RunToEnd();
            Assert.Equal(CapsInvalidArgument, sent);
        }

        [Fact]
        public void FailuresAfterTheRendezvousAreDetailsNotErrors()
        {
            // Item 0 maps a page sigma0 does not have (beyond its 64 frames): nothing is mapped, silently as in L4,
            // but the detail word says so. Item 1 maps onto a page the receiver already has.
            var w = new MemoryWorld(15);
            ulong sent = 1, received = 1, senderDetail = 0, receiverDetail = 0, second = 1, secondDetail = 0;
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                sent = (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(), new[]
                {
                    M.Map(M.Flexpage(M.Page(1000), 0, M.RightsRW), M.Page(0)),
                    M.Map(M.Flexpage(M.Page(1), 0, M.RightsRW), M.Page(1)),
                })).Result;
                senderDetail = M.ErrorDetail(ctx);
                second = (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(), new[]
                {
                    M.Map(M.Flexpage(M.Page(2), 0, M.RightsRW), M.Page(1)),
                })).Result;
            });
            w.Spawn("client", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(300), 1, M.RightsRW));
                received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                receiverDetail = M.ErrorDetail(ctx);
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                secondDetail = M.ErrorDetail(ctx);
            });
            w.World.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received);
            Assert.Equal(Detail(MappingNotMapped, 0), senderDetail);
            Assert.Equal(Detail(MappingNotMapped, 0), receiverDetail);
            w.AssertUnmapped(1, 300);
            w.AssertMapped(1, 301, 1, M.RightsRW);
            Assert.Equal(Ok, second);
            Assert.Equal(Detail(MappingOccupied, 0), secondDetail);
            w.AssertMapped(1, 301, 1, M.RightsRW);
        }
    }
}
