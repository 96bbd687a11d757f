// Page faults and CPU exceptions outside IPC become IPC to the thread's pager or exception handler (docs/abi.md
// section 7); the faulting thread's registers are untouched and it goes on after the reply. With no handler the
// thread is deleted and the others run on.
using System;
using System.Collections.Generic;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.LongIpc.LongIpcWorld;

namespace Verified.Sim.Kernel.Tests.Scenarios.Faults
{
    public sealed class PageFaultIpcTests
    {
        [Fact]
        public void APagerMapsTheFaultingPagesAndTheAccessesGoOn()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                var faults = new List<IpcResult>();
                ulong read = 1;
                ulong rbxBefore = 0x5151, rbxAfter = 0;
                SimThread client = world.SpawnClient("client", async ctx =>
                {
                    ctx.Registers.Rbx = rbxBefore;
                    await ctx.WriteUInt64(Ram + 0x2008, 0xFEED);          // write fault, then retried
                    read = await ctx.ReadUInt64(Ram + 0x5010);            // read fault: a fresh zero page
                    rbxAfter = ctx.Registers.Rbx;
                    Assert.Equal(0xFEEDul, await ctx.ReadUInt64(Ram + 0x2008));
                });
                world.GivePager(client);
                world.Spawn("pager", world.Pager(2, _ => world.Client, faults), priority: 7);
                world.World.RunToEnd();
                Assert.Equal(0ul, read);
                Assert.Equal(rbxBefore, rbxAfter);
                Assert.Equal(2, faults.Count);
                Assert.Equal(new[] { Ram + 0x2008, Ram + 0x5010 }, faults.ConvertAll(f => f.Words[0]).ToArray());
                Assert.Equal(new ulong[] { PageFault.UserBit | PageFault.WriteBit, PageFault.UserBit },
                    faults.ConvertAll(f => f.Words[1]).ToArray());
                Assert.All(faults, f => Assert.Equal(PageFaultLabel, f.Label));
                Assert.All(faults, f => Assert.Equal(PagerBadge, f.Badge));
                Assert.Empty(world.World.Kernel.Faults);
            });
        }

        [Fact]
        public void ALongPageFaultReplyLeavesTheFaultingThreadsUtcbAlone()
        {
            // A reply of more than eight words goes through the transfer stage; the thread that faulted still finds
            // its UTCB as it left it (the transferred word of its own last IPC included).
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                const ulong Mark = 0x7A5F, DetailMark = 0xDE7A;
                ulong transferred = 0, detail = 0, read = 1;
                SimThread client = world.SpawnClient("client", async ctx =>
                {
                    Utcb utcb = ctx.Utcb;
                    utcb[Utcb.TransferredWord] = Mark;
                    utcb[Utcb.ErrorDetailWord] = DetailMark;
                    read = await ctx.ReadUInt64(Ram + 0x3000);
                    transferred = ctx.Utcb[Utcb.TransferredWord];
                    detail = ctx.Utcb[Utcb.ErrorDetailWord];
                });
                world.GivePager(client);
                world.Spawn("pager", async ctx =>
                {
                    IpcResult request = await Ipc.Wait(ctx, PagerEndpoint);
                    Assert.Equal(Ok, request.Result);
                    world.MapRam(world.Client, request.Words[0] & ~(SimPhysicalMemory.PageSize - 1), 1);
                    var words = new ulong[12];
                    for (int i = 0; i < words.Length; i++)
                    {
                        words[i] = 0x100 + (ulong)i;
                    }
                    Assert.Equal(Ok, (await Ipc.Reply(ctx, 0, words)).Result);
                }, priority: 7);
                world.World.RunToEnd();
                Assert.Equal(0ul, read);
                Assert.Equal(Mark, transferred);
                Assert.Equal(DetailMark, detail);
                Assert.Empty(world.World.Kernel.Faults);
            });
        }

        [Fact]
        public void AFaultWithNoPagerDeletesOnlyTheFaultingThread()
        {
            var world = new LongIpc.LongIpcWorld(5);
            bool otherRan = false, faulterGotPast = false;
            SimThread faulter = world.SpawnClient("faulter", async ctx =>
            {
                await ctx.ReadUInt64(Ram);
                faulterGotPast = true;
            });
            world.Spawn("other", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(10))).Result);
                otherRan = true;
            });
            world.World.RunToEnd();
            Assert.True(otherRan);
            Assert.False(faulterGotPast);
            Assert.Single(world.World.Kernel.Faults);
            Assert.Equal(world.World.Kernel.IdOf(faulter), world.World.Kernel.Faults[0].Thread);
        }

        [Fact]
        public void AnExceptionGoesToTheHandlerAndTheThreadContinuesAfterTheReply()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                IpcResult? message = null;
                bool continued = false;
                SimThread client = world.SpawnClient("client", async ctx =>
                {
                    ctx.Registers.Rip = 0x40_1000;
                    ctx.Registers.Rsp = 0x7FF0;
                    await ctx.RaiseException(6);       // #UD
                    continued = true;
                });
                world.GiveExceptionHandler(client);
                world.Spawn("handler", async ctx =>
                {
                    message = await Ipc.Wait(ctx, PagerEndpoint);
                    Assert.Equal(Ok, (await Ipc.Reply(ctx, 0, Array.Empty<ulong>())).Result);
                }, priority: 7);
                world.World.RunToEnd();
                Assert.True(continued);
                Assert.Equal(Ok, message!.Result);
                Assert.Equal(ExceptionLabel, message.Label);
                Assert.Equal(new ulong[] { 6, 0, 0x40_1000, 0x7FF0 }, message.Words);
                Assert.True(message.ReplyExpected);
                Assert.Empty(world.World.Kernel.Faults);
            });
        }

        [Theory]
        [InlineData(0x40_2000UL, 0x8000UL, 0x40_2000UL, 0x8000UL)]                  // two words: rip and rsp set
        [InlineData(0x8000_0000_0000UL, 0x8000UL, 0x40_1000UL, 0x7FF0UL)]           // a rip above 2^47: not moved
        public void AnExceptionReplyOfTwoWordsSetsRipAndRsp(ulong rip, ulong rsp, ulong expectedRip, ulong expectedRsp)
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                SimThread client = world.SpawnClient("client", async ctx =>
                {
                    ctx.Registers.Rip = 0x40_1000;
                    ctx.Registers.Rsp = 0x7FF0;
                    await ctx.RaiseException(6);       // #UD
                });
                world.GiveExceptionHandler(client);
                world.Spawn("handler", async ctx =>
                {
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, PagerEndpoint)).Result);
                    Assert.Equal(Ok, (await Ipc.Reply(ctx, 0, new[] { rip, rsp })).Result);
                }, priority: 7);
                world.World.RunToEnd();
                // A Sim thread's code is a coroutine: the registers are recorded, as for ExchangeRegisters.
                Assert.Equal(expectedRip, client.Registers.Rip);
                Assert.Equal(expectedRsp, client.Registers.Rsp);
            });
        }

        [Fact]
        public void AnExceptionWithoutAHandlerDeletesTheThread()
        {
            var world = new LongIpc.LongIpcWorld(6);
            bool continued = false;
            world.SpawnClient("client", async ctx =>
            {
                await ctx.RaiseException(13, 0x10);
                continued = true;
            });
            world.World.RunToEnd();
            Assert.False(continued);
            Assert.Equal("exception 13 (error code 0x10)", world.World.Kernel.Faults[0].Fault);
        }
    }
}
