// A partner that faults or raises an exception with no handler is deleted: its client gets ErrPartnerKilled and the
// others run on (a closed receive of a Send and a server whose code ends are shared scenarios: user/Scenarios).
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class PartnerTests
    {
        private const ulong PartnerKilled = 10;

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
