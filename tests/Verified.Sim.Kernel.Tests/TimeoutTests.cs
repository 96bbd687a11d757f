// Timeouts of both phases, zero and relative: send timeout without a receiver, receive timeout without a sender,
// and the reply phase of a Call timing out after the rendezvous.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class TimeoutTests
    {
        [Fact]
        public void SendWithoutReceiverTimesOutInTheSendPhase()
        {
            var world = new World(3);
            ulong zero = 1, relative = 1, call = 1;
            ulong startedAt = 0, endedAt = 0;
            world.Spawn("sender", async ctx =>
            {
                zero = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 5 }, Timeout.Zero)).Result;
                startedAt = world.Machine.Timer.Now;
                relative = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 5 }, Timeout.Ticks(10))).Result;
                endedAt = world.Machine.Timer.Now;
                call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 5 }, Timeout.Ticks(3))).Result;
            });
            world.RunToEnd();
            Assert.Equal(IpcSendTimeout, zero);
            Assert.Equal(IpcSendTimeout, relative);
            Assert.Equal(IpcSendTimeout, call);
            Assert.True(endedAt - startedAt >= 10, $"woke after {endedAt - startedAt} ticks");
        }

        [Fact]
        public void WaitWithoutSenderTimesOutInTheReceivePhase()
        {
            var world = new World(4);
            ulong zero = 1, relative = 1, sleep = 1;
            world.Spawn("receiver", async ctx =>
            {
                zero = (await Ipc.Wait(ctx, World.Endpoint, Timeout.Zero)).Result;
                relative = (await Ipc.Wait(ctx, World.Endpoint, Timeout.Ticks(12))).Result;
                sleep = (await Ipc.Sleep(ctx, Timeout.Ticks(5))).Result;
            });
            world.RunToEnd();
            Assert.Equal(IpcRecvTimeout | ReceivePhase, zero);
            Assert.Equal(IpcRecvTimeout | ReceivePhase, relative);
            Assert.Equal(Ok, sleep);
        }

        [Fact]
        public void ACallWhoseServerNeverRepliesTimesOutInTheReceivePhase()
        {
            var world = new World(5);
            ulong request = 1, reply = 1;
            world.Spawn("server", async ctx =>
            {
                request = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                await Ipc.Sleep(ctx, Timeout.Ticks(200));
            });
            world.Spawn("client", async ctx =>
            {
                reply = (await Ipc.Call(ctx, World.Endpoint, 9, new ulong[] { 1 }, Timeout.Never, Timeout.Ticks(8))).Result;
            });
            world.RunToEnd();
            Assert.Equal(Ok, request);
            Assert.Equal(IpcRecvTimeout | ReceivePhase, reply);
        }
    }
}
