// Termination cases ErrSendTimeout (11) and ErrRecvTimeout (12), each phase with a zero and a relative timeout, and
// Sleep ending with OK at its deadline. Relative timeouts are checked against the virtual clock: never early.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class TimeoutCaseTests
    {
        [Fact]
        public void AZeroSendTimeoutFailsAtOnce()
        {
            var world = new World(151);
            ulong sent = 1, before = 0, after = 0;
            world.Spawn("sender", async ctx =>
            {
                before = world.Machine.Timer.Now;
                sent = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Zero)).Result;
                after = world.Machine.Timer.Now;
            });
            world.RunToEnd();
            Assert.Equal(IpcSendTimeout, sent);
            Assert.True(after - before <= 2, $"took {after - before} ticks");
        }

        [Fact]
        public void ARelativeSendTimeoutFailsAtItsDeadline()
        {
            var world = new World(152);
            (ulong sent, ulong waited) = TimeSend(world, 25, call: false);
            Assert.Equal(IpcSendTimeout, sent);
            Assert.InRange(waited, 25UL, 30UL);
        }

        [Fact]
        public void ARelativeSendTimeoutOfACallFailsItsSendPhase()
        {
            var world = new World(153);
            (ulong sent, ulong waited) = TimeSend(world, 17, call: true);
            Assert.Equal(IpcSendTimeout, sent);               // no bit 24: the send phase failed
            Assert.InRange(waited, 17UL, 22UL);
        }

        [Fact]
        public void ARelativeTimeoutOfAClosedReceiveFailsAtItsDeadline()
        {
            var world = new World(155);
            ulong received = 1, start = 0, end = 0;
            SimThread other = world.Spawn("other", async ctx => await Ipc.Sleep(ctx, Timeout.Ticks(100)), priority: 3);
            world.Spawn("receiver", async ctx =>
            {
                start = world.Machine.Timer.Now;
                received = (await Ipc.Wait(ctx, world.SlotOf(other), Timeout.Ticks(30))).Result;
                end = world.Machine.Timer.Now;
            }, priority: 9);
            world.RunToEnd();
            Assert.Equal(IpcRecvTimeout | ReceivePhase, received);
            Assert.InRange(end - start, 30UL, 35UL);
        }

        [Fact]
        public void ANotificationWaitTimesOutWithoutTheReceivePhaseBit()
        {
            var world = new World(156);
            ulong zero = 1, relative = 1, start = 0, end = 0;
            world.Spawn("waiter", async ctx =>
            {
                (zero, _) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero);
                start = world.Machine.Timer.Now;
                (relative, _) = await Notifications.Wait(ctx, World.Notification, Timeout.Ticks(12));
                end = world.Machine.Timer.Now;
            });
            world.RunToEnd();
            Assert.Equal(IpcRecvTimeout, zero);
            Assert.Equal(IpcRecvTimeout, relative);
            Assert.InRange(end - start, 12UL, 17UL);
        }

        [Fact]
        public void ASleepEndsWithOkAtItsDeadline()
        {
            var world = new World(157);
            ulong slept = 1, zero = 1, start = 0, end = 0;
            world.Spawn("sleeper", async ctx =>
            {
                zero = (await Ipc.Sleep(ctx, Timeout.Zero)).Result;
                start = world.Machine.Timer.Now;
                slept = (await Ipc.Sleep(ctx, Timeout.Ticks(40))).Result;
                end = world.Machine.Timer.Now;
            });
            world.RunToEnd();
            Assert.Equal(Ok, zero);
            Assert.Equal(Ok, slept);
            Assert.InRange(end - start, 40UL, 45UL);
        }

        private static (ulong Result, ulong Waited) TimeSend(World world, ulong ticks, bool call)
        {
            ulong result = 1, start = 0, end = 0;
            world.Spawn("sender", async ctx =>
            {
                start = world.Machine.Timer.Now;
                result = call
                    ? (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Ticks(ticks))).Result
                    : (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Ticks(ticks))).Result;
                end = world.Machine.Timer.Now;
            });
            world.RunToEnd();
            return (result, end - start);
        }
    }
}
