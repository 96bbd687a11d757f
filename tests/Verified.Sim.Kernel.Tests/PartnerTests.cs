// The partner side of an IPC: a closed receive from a named thread, and a server that ends while its client waits
// for the reply.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class PartnerTests
    {
        private const ulong PartnerKilled = 10;

        [Fact]
        public void AClosedReceiveTakesTheMessageOfTheNamedBlockedSender()
        {
            var world = new World(51);
            ulong sent = 1;
            IpcResult? received = null;
            // The sender's higher priority makes it block in its send before the receiver runs at all.
            SimThread sender = world.Spawn("sender", async ctx =>
            {
                sent = (await Ipc.Send(ctx, World.BadgedEndpoint, 0x5, new ulong[] { 4, 5 })).Result;
            }, priority: 9);
            world.Spawn("receiver", async ctx =>
            {
                received = await Ipc.Wait(ctx, world.SlotOf(sender));
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.NotNull(received);
            Assert.Equal(Ok, received!.Result);
            Assert.Equal(0x5UL, received.Label);
            Assert.False(received.ReplyExpected);
            Assert.Equal(new ulong[] { 4, 5 }, received.Words);
        }

        [Theory]
        [InlineData(61UL)]
        [InlineData(62UL)]
        public void AClientWhoseServerEndsGetsPartnerKilledInItsReceivePhase(ulong seed)
        {
            var world = new World(seed);
            ulong request = 1, reply = 1;
            world.Spawn("server", async ctx =>
            {
                request = (await Ipc.Wait(ctx, World.Endpoint)).Result;
            });
            world.Spawn("client", async ctx =>
            {
                reply = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result;
            });
            world.RunToEnd();
            Assert.Equal(Ok, request);
            Assert.Equal(PartnerKilled | ReceivePhase, reply);
        }

        [Theory]
        [InlineData(71UL)]
        [InlineData(72UL)]
        public void AServerThatFaultsIsDeletedAndItsClientGetsPartnerKilled(ulong seed)
        {
            var world = new World(seed);
            ulong request = 1, reply = 1;
            SimThread server = world.Spawn("server", async ctx =>
            {
                request = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                await ctx.ReadUInt64(0x7000_0000);            // nothing is mapped there and no pager exists
                request = 2;                                  // never reached
            });
            world.Spawn("client", async ctx =>
            {
                reply = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result;
            });
            world.RunToEnd();
            Assert.Equal(Ok, request);
            Assert.Equal(PartnerKilled | ReceivePhase, reply);
            var fault = Assert.Single(world.Kernel.Faults);
            Assert.Equal(world.Kernel.IdOf(server), fault.Thread);
            Assert.StartsWith("page fault", fault.Fault);
        }

        [Fact]
        public void AThreadRaisingAnExceptionIsDeletedAndTheOthersRunOn()
        {
            var world = new World(73);
            ulong other = 1;
            world.Spawn("faulty", async ctx =>
            {
                await ctx.RaiseException(6);                  // #UD
            }, priority: 9);
            world.Spawn("other", async ctx =>
            {
                other = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
            }, priority: 4);
            world.RunToEnd();
            Assert.StartsWith("exception 6", Assert.Single(world.Kernel.Faults).Fault);
            Assert.Equal(IpcSendTimeout, other);              // it ran after the fault, alone
        }
    }
}
