// Notification fan-in: several signalers, one waiter. Bits of Notifies made while nobody waits are ORed, so the
// waiter may see fewer wake-ups than Notifies but never loses a bit and never sees one nobody sent.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Synchronisation
{
    public sealed class NotificationFanInTests
    {
        private const int Signalers = 4;
        private const ulong All = (1UL << Signalers) - 1;

        [Fact]
        public void TheWaiterSeesEverySignalersBitAndNoOther() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            ulong seen = 0;
            int wakeups = 0, done = 0;
            void Take(ulong bits)
            {
                Assert.NotEqual(0UL, bits);
                Assert.Equal(0UL, bits & ~All);
                seen |= bits;
                wakeups++;
            }
            world.Spawn("waiter", async ctx =>
            {
                // Until every signaler has finished; then whatever is still pending is taken without blocking.
                while (done < Signalers)
                {
                    (ulong result, ulong bits) = await Notifications.Wait(ctx, World.Notification, Timeout.Ticks(20));
                    if (result == Ok)
                    {
                        Take(bits);
                    }
                    else
                    {
                        Assert.Equal(IpcRecvTimeout, result);
                    }
                }
                (ulong last, ulong lastBits) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero);
                if (last == Ok)
                {
                    Take(lastBits);
                }
                Assert.Equal(IpcRecvTimeout, (await Notifications.Wait(ctx, World.Notification, Timeout.Zero)).Result);
            });
            for (int s = 0; s < Signalers; s++)
            {
                ulong bit = 1UL << s;
                world.Spawn($"signaler{s}", async ctx =>
                {
                    for (int i = 0; i < 5; i++)
                    {
                        Assert.Equal(Ok, await Notifications.Notify(ctx, World.Notification, bit));
                        await Scenario.Spin(ctx, 1 + (int)(bit % 3));
                    }
                    done++;
                });
            }
            world.RunToEnd();
            Assert.Equal(All, seen);
            Assert.InRange(wakeups, 1, Signalers * 5);
        });
    }
}
