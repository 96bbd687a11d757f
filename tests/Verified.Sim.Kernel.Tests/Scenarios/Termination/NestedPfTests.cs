// Termination case ErrNestedPf (15): the nested page-fault IPC of a transfer fails or is canceled, so the fault
// cannot be resolved and the outer IPC ends for both sides. Three ways: no pager at all; the pager's endpoint has no
// receiver and the faulting thread's IPC is canceled (ExchangeRegisters cancel reaches the nested IPC); and the
// pager itself cancels nothing but a third thread cancels the nested IPC after the pager took it.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;
using static Verified.Sim.Kernel.Tests.Scenarios.LongIpc.LongIpcWorld;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class NestedPfTests
    {
        private const ulong Target = Ram + 0x10_0000;

        [Fact]
        public void AFaultWithNoPagerEndsTheIpcAtOnce()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                world.MapRam(world.Client, Ram, 1);
                world.MapRam(world.World.Task, Target, 2);
                world.Write(world.Client, Ram, Pattern(4096, 8));
                ulong sent = 1, received = 1, atReceiver = 0;
                world.SpawnClient("sender", async ctx =>
                    sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, 8192))).Result);
                world.Spawn("receiver", async ctx =>
                {
                    StringBuffers.Set(ctx.Utcb, (Target, 8192));
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                    atReceiver = StringBuffers.Transferred(ctx.Utcb);
                });
                world.World.RunToEnd();
                Assert.Equal(NestedPf, sent);
                Assert.Equal(NestedPf | ReceivePhase, received);
                // Everything up to the faulting page arrived.
                Assert.Equal(4096ul, atReceiver);
                Assert.Equal(LongIpc.LongIpcWorld.AsInts(Pattern(4096, 8)), world.Read(world.World.Task, Target, 4096));
            });
        }

        [Theory]
        [InlineData(false)]   // canceled while the nested IPC waits for the pager to receive it
        [InlineData(true)]    // canceled while the pager holds it and has not replied yet
        public void CancelingTheNestedIpcEndsTheOuterOneWithNestedPf(bool pagerTookIt)
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                world.MapRam(world.Client, Ram, 1);
                world.MapRam(world.World.Task, Target, 2);
                ulong sent = 1, received = 1, cancel = 1, state = 0, lateReply = 1;
                bool pagerHasIt = false;
                SimThread sender = world.SpawnClient("sender", async ctx =>
                    sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, 8192))).Result, priority: 4);
                world.Spawn("receiver", async ctx =>
                {
                    StringBuffers.Set(ctx.Utcb, (Target, 8192));
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                }, priority: 4);
                world.GivePager(sender);
                if (pagerTookIt)
                {
                    world.Spawn("pager", async ctx =>
                    {
                        Assert.Equal(Ok, (await Ipc.Wait(ctx, PagerEndpoint)).Result);
                        pagerHasIt = true;
                        await Scenario.SleepUntil(ctx, () => cancel == Ok);
                        lateReply = (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result;
                    }, priority: 6);
                }
                world.Spawn("canceler", async ctx =>
                {
                    await Scenario.SleepUntil(ctx, () => world.World.Kernel.Core.InNestedFault(world.World.Kernel.IdOf(sender))
                        && (!pagerTookIt || pagerHasIt));
                    (cancel, state) = await Threads.Cancel(ctx, world.World.SlotOf(sender));
                }, priority: 8);
                world.World.RunToEnd();
                Assert.Equal(Ok, cancel);
                Assert.Equal(StateXferSend, state);
                Assert.Equal(NestedPf, sent);
                Assert.Equal(NestedPf | ReceivePhase, received);
                if (pagerTookIt)
                {
                    Assert.Equal(NoPartner, lateReply);
                }
            });
        }

        [Fact]
        public void APagerThatDiesHoldingTheFaultEndsTheIpcWithNestedPf()
        {
            var world = new LongIpc.LongIpcWorld(17);
            world.MapRam(world.Client, Ram, 1);
            world.MapRam(world.World.Task, Target, 2);
            ulong sent = 1, received = 1;
            SimThread sender = world.SpawnClient("sender", async ctx =>
                sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, 8192))).Result);
            world.Spawn("receiver", async ctx =>
            {
                StringBuffers.Set(ctx.Utcb, (Target, 8192));
                received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
            });
            world.GivePager(sender);
            // The pager takes the fault and its code ends: the nested Call ends with ErrPartnerKilled.
            world.Spawn("pager", async ctx => Assert.Equal(Ok, (await Ipc.Wait(ctx, PagerEndpoint)).Result), priority: 7);
            world.World.RunToEnd();
            Assert.Equal(NestedPf, sent);
            Assert.Equal(NestedPf | ReceivePhase, received);
        }
    }
}
