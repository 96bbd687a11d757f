// Termination case ErrPartnerKilled (10) during a transfer: another thread deletes one side of a long IPC while
// its strings are being copied (ThreadControl delete). The survivor gets ErrPartnerKilled in the phase it was in and
// the bytes moved so far; deleting a thread whose nested page-fault IPC is pending also withdraws that IPC, so its
// pager's late reply finds nobody.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;
using static Verified.Sim.Kernel.Tests.Scenarios.LongIpc.LongIpcWorld;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class TransferKillTests
    {
        private const int Length = 64 * 1024;
        private const ulong Target = Ram + 0x10_0000;

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void DeletingOneSideMidTransferGivesTheOtherPartnerKilled(bool deleteTheSender)
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                world.MapRam(world.Client, Ram, Length / 4096);
                world.Write(world.Client, Ram, Pattern(Length, 12));
                world.MapRam(world.World.Task, Target, Length / 4096);
                ulong sent = 1, received = 1, deleted = 1, moved = 0;
                bool senderReturned = false, receiverReturned = false;
                SimThread sender = world.SpawnClient("sender", async ctx =>
                {
                    sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, Length))).Result;
                    senderReturned = true;
                    moved = StringBuffers.Transferred(ctx.Utcb);
                }, priority: 3);
                SimThread receiver = world.Spawn("receiver", async ctx =>
                {
                    StringBuffers.Set(ctx.Utcb, (Target, Length));
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                    receiverReturned = true;
                    moved = StringBuffers.Transferred(ctx.Utcb);
                }, priority: 3);
                world.Spawn("killer", async ctx =>
                {
                    SimThread victim = deleteTheSender ? sender : receiver;
                    await Scenario.SleepUntil(ctx, () => Scenario.IsIn(world.World, victim, deleteTheSender ? StateXferSend : StateXferRecv)
                        && world.Read(world.World.Task, Target, 1)[0] == 12);
                    deleted = await ThreadControl.DeleteThread(ctx, world.World.SlotOf(victim));
                }, priority: 9);
                world.World.RunToEnd();
                Assert.Equal(Ok, deleted);
                if (deleteTheSender)
                {
                    Assert.False(senderReturned);
                    Assert.Equal(PartnerKilled | ReceivePhase, received);
                }
                else
                {
                    Assert.False(receiverReturned);
                    Assert.Equal(PartnerKilled, sent);
                }
                Assert.InRange(moved, 1ul, (ulong)Length - 1);
                Assert.Equal(LongIpc.LongIpcWorld.AsInts(Pattern(Length, 12)[..(int)moved]), world.Read(world.World.Task, Target, (int)moved));
            });
        }

        [Fact]
        public void DeletingAThreadInANestedFaultWithdrawsItsPageFaultIpc()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                world.MapRam(world.Client, Ram, 1);
                world.MapRam(world.World.Task, Target, 2);
                ulong received = 1, deleted = 1, lateReply = 1;
                bool pagerHasIt = false;
                SimThread sender = world.SpawnClient("sender", async ctx =>
                    await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, 8192)));
                world.GivePager(sender);
                world.Spawn("receiver", async ctx =>
                {
                    StringBuffers.Set(ctx.Utcb, (Target, 8192));
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                });
                world.Spawn("pager", async ctx =>
                {
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, PagerEndpoint)).Result);
                    pagerHasIt = true;
                    await Scenario.SleepUntil(ctx, () => deleted == Ok);
                    lateReply = (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result;
                }, priority: 6);
                world.Spawn("killer", async ctx =>
                {
                    await Scenario.SleepUntil(ctx, () => pagerHasIt);
                    Assert.True(world.World.Kernel.Core.InNestedFault(world.World.Kernel.IdOf(sender)));
                    deleted = await ThreadControl.DeleteThread(ctx, world.World.SlotOf(sender));
                    Assert.False(world.World.Kernel.Core.InNestedFault(world.World.Kernel.IdOf(sender)));
                }, priority: 8);
                world.World.RunToEnd();
                Assert.Equal(Ok, deleted);
                Assert.Equal(PartnerKilled | ReceivePhase, received);
                Assert.Equal(NoPartner, lateReply);
                Assert.Equal(0u, world.World.Kernel.Core.CheckTransfers());
            });
        }
    }
}
