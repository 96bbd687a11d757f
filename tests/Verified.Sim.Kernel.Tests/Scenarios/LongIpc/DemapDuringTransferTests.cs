// Demap of the pages a long IPC is copying from: sigma0 maps four of its pages into a client, the client sends them
// as one string (from the middle of the first page, so that every chunk ends inside a page), and sigma0 takes the
// mappings back (Unmap) while the transfer runs. The copy faults at the next byte it reads, inside the page it was
// copying; with no pager that ends the IPC for both with ErrNestedPf and exactly the bytes before it arrived; with
// sigma0 as the pager each page comes back (a fresh, zeroed frame) and the IPC completes.
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
        private const int Offset = 2048;          // where the string starts in the client's first page
        private const int Length = Pages * 4096 - Offset;
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
                    sent = (await Ipc.Send(ctx, World.Endpoint, new MessageFrame(1).PutString(M.Page(ClientPage) + Offset, Length))).Result;
                });
                world.Spawn("sigma0", async ctx =>
                {
                    ulong fpage = M.Flexpage(M.Page(SourcePage), 2, M.RightsRW);
                    Assert.Equal(Ok, (await ItemMessage.Send(ctx, Scenario.ThirdEndpoint, 0, System.Array.Empty<ulong>(), new[] { M.Map(fpage) })).Result);
                    // Once the first chunk has arrived, while the rest is still being copied: take the pages back.
                    await Scenario.SleepUntil(ctx, () => started && Scenario.IsIn(world, sender, StateXferSend)
                        && world.Kernel.Core.Ipc.state[world.Kernel.IdOf(sender)] == StateXferSend
                        && Peek(world, TargetPage) == 1);
                    // Chunks end on the receiver's page boundaries: the pages that arrived are those whose first byte
                    // is written. Nothing copies meanwhile (sigma0 outranks the transfer), so the copy will fault once
                    // in each client page from the one it stands in.
                    ulong arrived = 0;
                    while (arrived < Pages && Peek(world, TargetPage + arrived) != 0)
                    {
                        arrived++;
                    }
                    unmapped = await M.Unmap(ctx, fpage);
                    if (withPager)
                    {
                        int faults = Pages - (int)((Offset + arrived * 4096) / 4096);
                        await new Sigma0(World.SecondEndpoint, 40, Pages).Serve(ctx, faults);
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
                // The first chunk had arrived when the demap came: its first byte is the client's (page 1).
                Assert.Equal(1, Peek(world, TargetPage));
                if (withPager)
                {
                    Assert.Equal(Ok, sent);
                    Assert.Equal(Ok, received);
                    Assert.Equal((ulong)Length, moved);
                    // The client's last page came back from sigma0's pool as a fresh frame: zero.
                    Assert.Equal(0, Peek(world, TargetPage + Pages - 1));
                }
                else
                {
                    Assert.Equal(NestedPf, sent);
                    Assert.Equal(NestedPf | ReceivePhase, received);
                    // Stopped where a chunk ended, inside the client page it was copying, and nothing after.
                    Assert.InRange(moved, 1ul, (ulong)Length - 1);
                    Assert.Equal(0ul, moved % Verified.Kernel.Core.KernelCore.ChunkBytes);
                    Assert.NotEqual(0ul, (Offset + moved) % 4096);
                    Assert.Equal(0, Peek(world, TargetPage + moved / 4096));
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
