// Zero-timeout polling: a thread that must not block retries with timeout zero. Every failed try returns its
// phase's timeout code at once and changes nothing; the first try that finds a partner completes normally on both
// sides. The partner arrives only after a delay, so the poller always fails at least once.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Polling
{
    public sealed class ZeroTimeoutPollingTests
    {
        [Fact]
        public void AReceiverPollsUntilASenderIsBlocked() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            int misses = 0;
            ulong sent = 1;
            IpcResult? got = null;
            world.Spawn("poller", async ctx =>
            {
                while (true)
                {
                    IpcResult r = await Ipc.Wait(ctx, World.Endpoint, Timeout.Zero);
                    if (r.Result == Ok)
                    {
                        got = r;
                        break;
                    }
                    Assert.Equal(IpcRecvTimeout | ReceivePhase, r.Result);
                    misses++;
                }
            });
            world.Spawn("sender", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(10))).Result);
                sent = (await Ipc.Send(ctx, World.Endpoint, 3, new ulong[] { 30 })).Result;
            });
            world.RunToEnd();
            Assert.True(misses > 0);
            Assert.Equal(Ok, sent);
            Assert.Equal(new ulong[] { 30 }, got!.Words);
        });

        [Fact]
        public void ASenderPollsUntilAReceiverWaits() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            int misses = 0;
            IpcResult? got = null;
            world.Spawn("poller", async ctx =>
            {
                ulong r;
                while ((r = (await Ipc.Send(ctx, World.Endpoint, 4, new ulong[] { 40 }, Timeout.Zero)).Result) != Ok)
                {
                    Assert.Equal(IpcSendTimeout, r);
                    misses++;
                }
            });
            world.Spawn("receiver", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(10))).Result);
                got = await Ipc.Wait(ctx, World.Endpoint);
            });
            world.RunToEnd();
            Assert.True(misses > 0);
            Assert.Equal(Ok, got!.Result);
            Assert.Equal(new ulong[] { 40 }, got.Words);
        });

        [Fact]
        public void ACallerPollsTheSendPhaseAndThenWaitsForTheReply() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            int misses = 0;
            IpcResult? reply = null;
            world.Spawn("poller", async ctx =>
            {
                IpcResult r;
                while ((r = await Ipc.Call(ctx, World.Endpoint, 5, new ulong[] { 50 }, Timeout.Zero)).Result != Ok)
                {
                    Assert.Equal(IpcSendTimeout, r.Result);
                    misses++;
                }
                reply = r;
            });
            world.Spawn("server", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(10))).Result);
                IpcResult request = await Ipc.Wait(ctx, World.Endpoint);
                Assert.Equal(Ok, request.Result);
                Assert.Equal(Ok, (await Ipc.Reply(ctx, 6, new[] { request.Words[0] + 1 })).Result);
            });
            world.RunToEnd();
            Assert.True(misses > 0);
            Assert.Equal(6UL, reply!.Label);
            Assert.Equal(new ulong[] { 51 }, reply.Words);
        });

        [Fact]
        public void ANotificationPollerTakesTheBitsOnce() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            int misses = 0;
            ulong bits = 0, after = 1;
            world.Spawn("poller", async ctx =>
            {
                ulong r;
                while (((r, bits) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero)).Item1 != Ok)
                {
                    Assert.Equal(IpcRecvTimeout, r);
                    misses++;
                }
                (after, _) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero);
            });
            world.Spawn("signaler", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(10))).Result);
                Assert.Equal(Ok, await Notifications.Notify(ctx, World.Notification, 0x30));
            }, priority: 9);
            world.RunToEnd();
            Assert.True(misses > 0);
            Assert.Equal(0x30UL, bits);
            Assert.Equal(IpcRecvTimeout, after);              // taken means cleared
        });
    }
}
