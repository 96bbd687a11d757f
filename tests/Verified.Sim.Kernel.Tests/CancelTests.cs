// ExchangeRegisters with the cancel bit: a thread blocked before the rendezvous gets ErrCanceled in the phase it
// waited in; cancelling a thread that is not waiting changes nothing.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class CancelTests
    {
        [Theory]
        [InlineData(11UL)]
        [InlineData(12UL)]
        public void ABlockedReceiverIsCanceledInItsReceivePhase(ulong seed)
        {
            var world = new World(seed);
            ulong received = 1, cancel = 1;
            SimThread receiver = world.Spawn("receiver", async ctx =>
            {
                received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
            });
            world.Spawn("canceler", async ctx =>
            {
                while (true)
                {
                    (ulong result, ulong state) = await Threads.Cancel(ctx, world.SlotOf(receiver));
                    Assert.Equal(Ok, result);
                    if (state == StateRecvBlocked)
                    {
                        cancel = result;
                        break;
                    }
                    Assert.Equal(Ok, await Threads.Yield(ctx));
                }
            });
            world.RunToEnd();
            Assert.Equal(Ok, cancel);
            Assert.Equal(IpcCanceled | ReceivePhase, received);
        }

        [Fact]
        public void ABlockedCallerIsCanceledInItsSendPhase()
        {
            var world = new World(13);
            ulong called = 1;
            SimThread caller = world.Spawn("caller", async ctx =>
            {
                called = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 2, 3 })).Result;
            });
            world.Spawn("canceler", async ctx =>
            {
                ulong state;
                do
                {
                    (_, state) = await Threads.Cancel(ctx, world.SlotOf(caller));
                }
                while (state != 4); // CallBlocked
            });
            world.RunToEnd();
            Assert.Equal(IpcCanceled, called);
        }

        [Fact]
        public void CancelingARunningThreadChangesNothing()
        {
            var world = new World(14);
            ulong result = 1, state = 0;
            SimThread self = null!;
            self = world.Spawn("self", async ctx =>
            {
                (result, state) = await Threads.Cancel(ctx, world.SlotOf(self));
            });
            world.RunToEnd();
            Assert.Equal(Ok, result);
            Assert.Equal(StateRunning, state);
        }
    }
}
