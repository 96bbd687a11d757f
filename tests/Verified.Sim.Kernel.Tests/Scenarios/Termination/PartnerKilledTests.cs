// Termination case ErrPartnerKilled (10): the thread another one waits for (its reply, or a closed receive from
// it) dies - it faults, or it raises an exception with no handler (hal/Sim/Kernel deletes it). The waiting side gets
// ErrPartnerKilled in its receive phase; threads not waiting for the dead one are untouched. (Its code ending is the
// shared scenario user/Scenarios/Termination/EndedPartnerWhileWaitingScenario.cs.)
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class PartnerKilledTests
    {
        [Fact]
        public void AServerInAClosedReceiveGetsPartnerKilledWhenTheClientFaults()
        {
            var world = new World(142);
            ulong received = 1;
            SimThread server = null!;
            SimThread client = world.Spawn("client", async ctx =>
            {
                await Scenario.WhenInState(ctx, world.SlotOf(server), StateRecvClosed);
                await ctx.WriteUInt64(0x5000_0000, 1);        // unmapped, no pager: the client is deleted
            }, priority: 4);
            server = world.Spawn("server", async ctx =>
                received = (await Ipc.Wait(ctx, world.SlotOf(client))).Result, priority: 9);
            world.RunToEnd();
            Assert.Equal(PartnerKilled | ReceivePhase, received);
            Assert.StartsWith("page fault", Assert.Single(world.Kernel.Faults).Fault);
        }

        [Fact]
        public void ACallerGetsPartnerKilledWhenTheServerRaisesAnException()
        {
            var world = new World(143);
            ulong call = 1, request = 1;
            world.Spawn("server", async ctx =>
            {
                request = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                await ctx.RaiseException(0);                  // #DE with no exception handler
            }, priority: 9);
            world.Spawn("client", async ctx => call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result,
                priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, request);
            Assert.Equal(PartnerKilled | ReceivePhase, call);
            Assert.StartsWith("exception 0", Assert.Single(world.Kernel.Faults).Fault);
        }

        [Theory]
        [InlineData(144UL)]
        [InlineData(145UL)]
        [InlineData(146UL)]
        public void ServerKilledMidCallFailsOnlyItsCurrentClient(ulong seed)
        {
            // The server dies holding one client's Call; the callers still queued on the endpoint were never
            // received, so they are not its partners: they stay queued until their own send timeout.
            var world = new World(seed);
            ulong served = 1;
            var results = new ulong[3];
            world.Spawn("server", async ctx =>
            {
                served = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                await ctx.ReadUInt64(0x6000_0000);
            }, priority: 2);
            for (int i = 0; i < 3; i++)
            {
                int k = i;
                world.Spawn($"client{k}", async ctx =>
                    results[k] = (await Ipc.Call(ctx, World.Endpoint, (ulong)k, new ulong[] { 1 }, Timeout.Ticks(50))).Result,
                    priority: 7);
            }
            world.RunToEnd();
            Assert.Equal(Ok, served);
            Assert.Single(results, r => r == (PartnerKilled | ReceivePhase));
            Assert.Equal(2, System.Array.FindAll(results, r => r == IpcSendTimeout).Length);
        }

        [Fact]
        public void ASenderQueuedOnAnEndpointIsUntouchedWhenAWouldBeReceiverDies()
        {
            var world = new World(147);
            ulong sent = 1;
            IpcResult? received = null;
            world.Spawn("sender", async ctx => sent = (await Ipc.Send(ctx, World.Endpoint, 4, new ulong[] { 8 })).Result,
                priority: 9);
            world.Spawn("dies", async ctx => await ctx.RaiseException(13), priority: 6);
            world.Spawn("receiver", async ctx => received = await Ipc.Wait(ctx, World.Endpoint), priority: 3);
            world.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received!.Result);
            Assert.Equal(new ulong[] { 8 }, received.Words);
        }
    }
}
