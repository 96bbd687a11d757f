// Cancel racing the rendezvous: a blocked sender is either canceled (it gets ErrCanceled, the canceler saw it
// SendBlocked, and the late receiver finds nobody) or received (it gets OK and so does the receiver); never both,
// never neither. Canceler and receiver run at one priority, so each seed picks its own order.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Races
{
    public sealed class CancelRaceTests
    {
        [Fact]
        public void ASenderIsEitherCanceledOrReceivedNeverBoth()
        {
            int canceled = 0, delivered = 0;
            for (ulong seed = 1; seed <= 24; seed++)
            {
                var world = new World(seed);
                ulong sent = 1, received = 1, cancel = 1, state = 0;
                SimThread sender = world.Spawn("sender", async ctx =>
                    sent = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result, priority: 9);
                world.Spawn("receiver", async ctx =>
                {
                    Assert.Equal(Ok, await Threads.Yield(ctx));
                    received = (await Ipc.Wait(ctx, World.Endpoint, Timeout.Zero)).Result;
                }, priority: 4);
                world.Spawn("canceler", async ctx =>
                {
                    Assert.Equal(Ok, await Threads.Yield(ctx));
                    (cancel, state) = await Threads.Cancel(ctx, world.SlotOf(sender));
                }, priority: 4);
                world.RunToEnd();
                Assert.Equal(Ok, cancel);
                if (sent == Ok)
                {
                    delivered++;
                    Assert.Equal(Ok, received);
                    Assert.NotEqual(StateSendBlocked, state);
                }
                else
                {
                    canceled++;
                    Assert.Equal(IpcCanceled, sent);
                    Assert.Equal(StateSendBlocked, state);
                    Assert.Equal(IpcRecvTimeout | ReceivePhase, received);
                }
            }
            // Both orders occur among the seeds, so both branches above were checked.
            Assert.True(canceled > 0 && delivered > 0, $"canceled {canceled}, delivered {delivered}");
        }
    }
}
