// A notification wait's timeout racing the Notify: the bits are never lost - the waiter either gets them at once
// (OK) or times out (ErrRecvTimeout) and then finds them pending with a zero-timeout poll.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Races
{
    public sealed class NotificationTimeoutRaceTests
    {
        [Fact]
        public void BitsSentAroundTheDeadlineAreNeverLost() => Scenario.ForEachSeed(seed =>
        {
            int woken = 0, timedOut = 0;
            for (ulong delay = 0; delay <= 20; delay += 2)
            {
                var world = new World(seed * 100 + delay);
                ulong first = 1, firstBits = 0, poll = 1, pollBits = 0, notify = 1;
                world.Spawn("waiter", async ctx =>
                {
                    (first, firstBits) = await Notifications.Wait(ctx, World.Notification, Timeout.Ticks(10));
                    Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(25))).Result);
                    (poll, pollBits) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero);
                }, priority: 7);
                world.Spawn("signaler", async ctx =>
                {
                    Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(delay))).Result);
                    notify = await Notifications.Notify(ctx, World.Notification, 0x81);
                }, priority: 4);
                world.RunToEnd();
                Assert.Equal(Ok, notify);
                if (first == Ok)
                {
                    woken++;
                    Assert.Equal(0x81UL, firstBits);
                    Assert.Equal(IpcRecvTimeout, poll);
                }
                else
                {
                    timedOut++;
                    Assert.Equal(IpcRecvTimeout, first);
                    Assert.Equal((Ok, 0x81UL), (poll, pollBits));
                }
            }
            Assert.True(woken > 0 && timedOut > 0, $"woken {woken}, timed out {timedOut}");
        });
    }
}
