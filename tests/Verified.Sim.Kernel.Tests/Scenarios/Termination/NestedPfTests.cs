// Termination case ErrNestedPf (15): the nested page-fault IPC of a transfer fails or is canceled, so the fault
// cannot be resolved and the outer IPC ends for both sides. Two ways here: no pager at all (on X64 a thread without
// a pager dies at its next fault of its own code), and the pager's endpoint has no receiver when the faulting thread's
// IPC is canceled (ExchangeRegisters cancel reaches the nested IPC; the moment is the simulator's). A cancel after the
// pager took the fault, and a pager deleted while it holds the fault, are the shared scenario
// user/Scenarios/Strings/NestedFaultEndsScenario.cs.
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

        [Fact]
        public void CancelingTheNestedIpcBeforeThePagerTookItEndsTheOuterOneWithNestedPf()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                world.MapRam(world.Client, Ram, 1);
                world.MapRam(world.World.Task, Target, 2);
                ulong sent = 1, received = 1, cancel = 1, state = 0;
                SimThread sender = world.SpawnClient("sender", async ctx =>
                    sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, 8192))).Result, priority: 4);
                world.Spawn("receiver", async ctx =>
                {
                    StringBuffers.Set(ctx.Utcb, (Target, 8192));
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                }, priority: 4);
                // Nobody receives on the pager endpoint: the nested IPC waits in its send phase.
                world.GivePager(sender);
                world.Spawn("canceler", async ctx =>
                {
                    await Scenario.SleepUntil(ctx, () => world.World.Kernel.Core.InNestedFault(world.World.Kernel.IdOf(sender)));
                    (cancel, state) = await Threads.Cancel(ctx, world.World.SlotOf(sender));
                }, priority: 8);
                world.World.RunToEnd();
                Assert.Equal(Ok, cancel);
                Assert.Equal(StateXferSend, state);
                Assert.Equal(NestedPf, sent);
                Assert.Equal(NestedPf | ReceivePhase, received);
            });
        }
    }
}
