// A relative send timeout without a receiver is never early on the virtual clock (the result words of the timeouts
// of both phases, and a Call's reply phase timing out, are shared scenarios: user/Scenarios/Termination).
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
    }
}
