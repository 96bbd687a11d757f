// Demap of the pages a long IPC is copying from: sigma0 maps four of its pages into a client, the client sends them
// as one string, and sigma0 takes the mappings back (Unmap) while the transfer runs. The copy faults at the next byte
// it reads, in the page it was copying; with no pager that ends the IPC for both with ErrNestedPf and exactly the
// bytes before it arrived; with sigma0 as the pager each page comes back (a fresh, zeroed frame) and the IPC completes.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.LongIpc
{
    public sealed class DemapDuringTransferTests
    {
        private const int Pages = 4;
        private const int Length = Pages * 4096;
        private const ulong SourcePage = 20;      // sigma0's pages 20..23 (its frames), mapped into the client at 500..503
        private const ulong ClientPage = 500;
        private const ulong TargetPage = 30;      // the receiver (in sigma0's task) copies into sigma0's pages 30..33

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void UnmapOfTheSourceMidTransferFaultsTheCopy(bool withPager)
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = Scenario.WorldWithMoreObjects(seed);
                int client = world.Kernel.CreateTask();
                // The string goes over World's endpoint; sigma0 hands the pages over on another one.
                foreach (uint slot in new[] { World.Endpoint, Scenario.ThirdEndpoint })
                {
                    Assert.Equal(0u, world.Kernel.Core.Caps.Transfer((uint)world.Task, slot, (uint)client, slot,
                        CapsTypes.__default.TransferCopy));
                }
                ulong sent = 1, received = 1, moved = 0, unmapped = 1, mapped = 1;
                bool started = false;
                SimThread sender = world.Kernel.Spawn("client", client, 3, async ctx =>
                {
                    // Takes sigma0's four pages into its window at 500..503 and fills them.
                    M.Accept(ctx, M.Flexpage(M.Page(ClientPage), 2, M.RightsRW));
                    mapped = (await Ipc.Wait(ctx, Scenario.ThirdEndpoint)).Result;
                    for (int i = 0; i < Length; i += 8)
                    {
                        await ctx.WriteUInt64(M.Page(ClientPage) + (ulong)i, 0x0101_0101_0101_0101UL * (ulong)(1 + i / 4096));
                    }
                    started = true;
                    sent = (await Ipc.Send(ctx, World.Endpoint, new MessageFrame(1).PutString(M.Page(ClientPage), Length))).Result;
                });
                world.Spawn("sigma0", async ctx =>
                {
                    ulong fpage = M.Flexpage(M.Page(SourcePage), 2, M.RightsRW);
                    Assert.Equal(Ok, (await ItemMessage.Send(ctx, Scenario.ThirdEndpoint, 0, System.Array.Empty<ulong>(), new[] { M.Map(fpage) })).Result);
                    // Once the first page has arrived, while the rest is still being copied: take the pages back.
                    await Scenario.SleepUntil(ctx, () => started && Scenario.IsIn(world, sender, StateXferSend)
                        && world.Kernel.Core.Ipc.state[world.Kernel.IdOf(sender)] == StateXferSend
                        && Peek(world, TargetPage) == 1);
                    unmapped = await M.Unmap(ctx, fpage);
                    if (withPager)
                    {
                        await new Sigma0(World.SecondEndpoint, 40, Pages).Serve(ctx, Pages);
                    }
                }, priority: 7);
                world.Spawn("receiver", async ctx =>
                {
                    Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(2))).Result);
                    StringBuffers.Set(ctx.Utcb, (M.Page(TargetPage), Length));
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                    moved = StringBuffers.Transferred(ctx.Utcb);
                }, priority: 3);
                if (withPager)
                {
                    world.Kernel.Core.SetPager(world.Kernel.IdOf(sender), 2, 0x51);
                }
                world.RunToEnd();
                Assert.Equal(Ok, mapped);
                Assert.Equal(Ok, unmapped);
                // The first page had arrived in part when the demap came: its first byte is the client's (1).
                Assert.Equal(1, Peek(world, TargetPage));
                if (withPager)
                {
                    Assert.Equal(Ok, sent);
                    Assert.Equal(Ok, received);
                    Assert.Equal((ulong)Length, moved);
                    // The pages after it came back from sigma0's pool as fresh frames: zero.
                    for (ulong i = 1; i < Pages; i++)
                    {
                        Assert.Equal(0, Peek(world, TargetPage + i));
                    }
                }
                else
                {
                    Assert.Equal(NestedPf, sent);
                    Assert.Equal(NestedPf | ReceivePhase, received);
                    Assert.InRange(moved, 1ul, 4095ul);   // stopped inside the page it was copying
                    Assert.Equal(0, Peek(world, TargetPage + 1));
                }
            });
        }

        /// <summary>The first byte of sigma0's window page <paramref name="page"/> (task 0).</summary>
        private static int Peek(World world, ulong page)
        {
            Translation t = world.Kernel.Space(0).Translate(M.Page(page), AccessKind.Read, user: false);
            return t.IsOk ? world.Machine.Memory.ReadByte(t.PhysicalAddress) : -1;
        }
    }
}
