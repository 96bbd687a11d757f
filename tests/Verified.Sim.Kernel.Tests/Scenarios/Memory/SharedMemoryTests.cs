// Real shared memory mapped by IPC: a producer and a consumer in two tasks share one of sigma0's frames (a ring of
// four slots with head and tail counters in the page) and signal "item" and "space" with notifications; and a file
// server that fills a client's buffer block by block, each block mapped to it by a Call and unmapped by the server
// before it replies, so the next block lands on the same window page.
using System;
using System.Collections.Generic;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Memory.MemoryCodes;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.Memory
{
    public sealed class SharedMemoryTests
    {
        private const ulong RingFrame = 6;
        private const ulong Slots = 4;
        private const ulong HeadWord = 8;
        private const ulong TailWord = 9;
        private const int Items = 40;

        private static ulong Word(ulong page, ulong word) => M.Page(page) + 8 * word;

        [Fact]
        public void ProducerAndConsumerShareARingThroughMappedMemory()
        {
            Scenario.ForEachSeed(seed =>
            {
                var w = new MemoryWorld(seed);
                var consumed = new List<ulong>();
                w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
                {
                    ulong ring = M.Flexpage(M.Page(RingFrame), 0, M.RightsRW);
                    Assert.Equal(Ok, (await ItemMessage.Send(ctx, MemoryWorld.Chain(1), 1, Array.Empty<ulong>(),
                        new[] { M.Map(ring) })).Result);
                    Assert.Equal(Ok, (await ItemMessage.Send(ctx, MemoryWorld.Chain(2), 1, Array.Empty<ulong>(),
                        new[] { M.Map(ring) })).Result);
                });
                w.Spawn("producer", 1, async ctx =>
                {
                    const ulong page = 60;
                    M.Accept(ctx, M.Flexpage(M.Page(page), 0, M.RightsRW));
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, MemoryWorld.Chain(1))).Result);
                    for (ulong i = 0; i < Items; i++)
                    {
                        while (i - await ctx.ReadUInt64(Word(page, TailWord)) == Slots)
                        {
                            Assert.Equal(Ok, (await Notifications.Wait(ctx, Scenario.SecondNotification)).Result);
                        }
                        await ctx.WriteUInt64(Word(page, i % Slots), 1000 + i * i);
                        await ctx.WriteUInt64(Word(page, HeadWord), i + 1);
                        Assert.Equal(Ok, await Notifications.Notify(ctx, World.Notification, 1));
                    }
                });
                w.Spawn("consumer", 2, async ctx =>
                {
                    const ulong page = 70;
                    M.Accept(ctx, M.Flexpage(M.Page(page), 0, M.RightsRW));
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, MemoryWorld.Chain(2))).Result);
                    for (ulong i = 0; i < Items; i++)
                    {
                        while (await ctx.ReadUInt64(Word(page, HeadWord)) == i)
                        {
                            Assert.Equal(Ok, (await Notifications.Wait(ctx, World.Notification)).Result);
                        }
                        consumed.Add(await ctx.ReadUInt64(Word(page, i % Slots)));
                        await ctx.WriteUInt64(Word(page, TailWord), i + 1);
                        Assert.Equal(Ok, await Notifications.Notify(ctx, Scenario.SecondNotification, 1));
                    }
                });
                w.World.RunToEnd();
                var expected = new List<ulong>();
                for (ulong i = 0; i < Items; i++)
                {
                    expected.Add(1000 + i * i);
                }
                Assert.Equal(expected, consumed);
                w.AssertMapped(1, 60, RingFrame, M.RightsRW);
                w.AssertMapped(2, 70, RingFrame, M.RightsRW);
            });
        }

        [Fact]
        public void AFileServerFillsAClientBufferBlockByBlock()
        {
            Scenario.ForEachSeed(seed =>
            {
                var w = new MemoryWorld(seed);
                const ulong buffer = 80, serverPage = 90, blocks = 4;
                var read = new ulong[blocks * 2];
                var unmaps = new List<ulong>();
                var mappedDuringRequest = new List<(ulong, byte)?>();
                w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
                {
                    // the client's buffer: four of sigma0's frames, 12..15
                    Assert.Equal(Ok, (await ItemMessage.Send(ctx, MemoryWorld.Chain(1), 1, Array.Empty<ulong>(),
                        new[] { M.Map(M.Flexpage(M.Page(12), 2, M.RightsRW)) })).Result);
                });
                w.Spawn("client", 1, async ctx =>
                {
                    M.Accept(ctx, M.Flexpage(M.Page(buffer), 2, M.RightsRW));
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, MemoryWorld.Chain(1))).Result);
                    for (ulong b = 0; b < blocks; b++)
                    {
                        IpcResult r = await ItemMessage.Call(ctx, MemoryWorld.Chain(2), 7, new ulong[] { b },
                            new[] { M.Map(M.Flexpage(M.Page(buffer + b), 0, M.RightsRW)) });
                        Assert.Equal(Ok, r.Result);
                        Assert.Equal(new ulong[] { b }, r.Words);
                        read[2 * b] = await ctx.ReadUInt64(M.Page(buffer + b));
                        read[2 * b + 1] = await ctx.ReadUInt64(M.Page(buffer + b) + 4088);
                    }
                });
                w.Spawn("file server", 2, async ctx =>
                {
                    M.Accept(ctx, M.Flexpage(M.Page(serverPage), 0, M.RightsRW));
                    IpcResult request = await Ipc.Wait(ctx, MemoryWorld.Chain(2));
                    for (ulong n = 0; n < blocks; n++)
                    {
                        Assert.Equal(Ok, request.Result);
                        ulong b = request.Words[0];
                        mappedDuringRequest.Add(w.Lookup(2, serverPage));
                        await ctx.WriteUInt64(M.Page(serverPage), 0xF11E_0000 + b);
                        await ctx.WriteUInt64(M.Page(serverPage) + 4088, 0xE0F0_0000 + b);
                        unmaps.Add(await M.Unmap(ctx, M.Flexpage(M.Page(serverPage), 0, M.RightsAll), own: true));
                        request = n + 1 < blocks
                            ? await Ipc.ReplyWait(ctx, MemoryWorld.Chain(2), 7, new[] { b })
                            : await Ipc.Reply(ctx, 7, new[] { b });
                    }
                    Assert.Equal(Ok, request.Result);
                });
                w.World.RunToEnd();
                for (ulong b = 0; b < blocks; b++)
                {
                    Assert.Equal(0xF11E_0000 + b, read[2 * b]);
                    Assert.Equal(0xE0F0_0000 + b, read[2 * b + 1]);
                    Assert.Equal(((ulong, byte)?)(12 + b, M.RightsRW), mappedDuringRequest[(int)b]);
                    Assert.Equal(Ok, unmaps[(int)b]);
                    w.AssertMapped(1, buffer + b, 12 + b, M.RightsRW);
                }
                w.AssertUnmapped(2, serverPage);
            });
        }

        [Fact]
        public void AServerThatKeepsTheBlockMappedGetsTheNextOneAsADetail()
        {
            var w = new MemoryWorld(51);
            ulong called = 1, serverDetail = 0, clientDetail = 0;
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, MemoryWorld.Chain(1), 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(12), 1, M.RightsRW)) })).Result);
            });
            w.Spawn("client", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(80), 1, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, MemoryWorld.Chain(1))).Result);
                Assert.Equal(Ok, (await ItemMessage.Call(ctx, MemoryWorld.Chain(2), 7, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(80), 0, M.RightsRW)) })).Result);
                called = (await ItemMessage.Call(ctx, MemoryWorld.Chain(2), 7, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(81), 0, M.RightsRW)) })).Result;
                clientDetail = M.ErrorDetail(ctx);
            });
            w.Spawn("file server", 2, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(90), 0, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, MemoryWorld.Chain(2))).Result);
                Assert.Equal(Ok, (await Ipc.ReplyWait(ctx, MemoryWorld.Chain(2), 7, Array.Empty<ulong>())).Result);
                serverDetail = M.ErrorDetail(ctx);
                Assert.Equal(Ok, (await Ipc.Reply(ctx, 7, Array.Empty<ulong>())).Result);
            });
            w.World.RunToEnd();
            Assert.Equal(Ok, called);
            // the detail of the second request stays in the client's word: the replies carried no items
            Assert.Equal(Detail(MappingOccupied, 0), clientDetail);
            Assert.Equal(Detail(MappingOccupied, 0), serverDetail);
            w.AssertMapped(2, 90, 12, M.RightsRW);
        }
    }
}
