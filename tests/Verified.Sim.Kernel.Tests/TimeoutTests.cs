// A relative timeout is never early on the virtual clock: a send timeout without a receiver, and a caller's reply
// timeout counted from the rendezvous that a server's ReplyWait makes with it (the result words of the timeouts of
// both phases, and a Call's reply phase timing out, are shared scenarios: user/Scenarios/Termination).
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

        // The server's ReplyWait (the fast path's) answers one caller and takes the next, queued with a finite reply
        // timeout: that caller's deadline counts from this rendezvous, long after the boot, so a reply 20 ticks later
        // arrives in time. (A deadline counted from time 0 would be long past; the timer wheel would find it only
        // when it came round to its slot again, so the deadline itself is checked too.)
        [Fact]
        public void AReplyTimeoutCountsFromTheReplyWaitThatTookTheCall()
        {
            var world = new World(5);
            ulong first = 1, second = 1, replied = 1;
            ulong takenAt = 0, answeredAt = 0, deadline = 0;
            Verified.Hal.Sim.Machine.SimThread? secondThread = null;
            world.Spawn("server", async ctx =>
            {
                await Ipc.Sleep(ctx, Timeout.Ticks(200));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                takenAt = world.Machine.Timer.Now;
                Assert.Equal(Ok, (await Ipc.ReplyWait(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result);
                deadline = world.Kernel.Core.Ipc.deadline[world.Kernel.IdOf(secondThread!)];
                await Ipc.Sleep(ctx, Timeout.Ticks(20));
                answeredAt = world.Machine.Timer.Now;
                replied = (await Ipc.Reply(ctx, 2, new ulong[] { 2 })).Result;
            });
            world.Spawn("first", async ctx => first = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result);
            secondThread = world.Spawn("second", async ctx =>
            {
                await Ipc.Sleep(ctx, Timeout.Ticks(10));   // queued behind the first caller
                second = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Never, Timeout.Ticks(60))).Result;
            });
            world.RunToEnd();
            Assert.True(takenAt >= 200, $"the second call was taken after tick {takenAt}");
            Assert.True(deadline >= takenAt + 60, $"taken after tick {takenAt}, its reply deadline tick {deadline}");
            Assert.True(answeredAt - takenAt >= 20, $"answered {answeredAt - takenAt} ticks after");
            Assert.Equal(Ok, first);
            Assert.Equal(Ok, replied);
            Assert.Equal(Ok, second);
        }
    }
}
