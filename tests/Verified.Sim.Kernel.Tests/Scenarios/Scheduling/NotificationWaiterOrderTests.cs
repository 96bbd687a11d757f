// Notification waiters are woken highest priority first: each Notify with a waiter gives the bits to exactly one
// waiter, so three Notifies of distinct bits reach three waiters in priority order.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Scheduling
{
    public sealed class NotificationWaiterOrderTests
    {
        [Fact]
        public void EachNotifyWakesTheHighestPriorityWaiter() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            byte[] priorities = { 4, 9, 6 };
            var bits = new ulong[3];
            for (int i = 0; i < 3; i++)
            {
                int k = i;
                world.Spawn($"waiter{k}", async ctx =>
                {
                    (ulong result, ulong b) = await Notifications.Wait(ctx, World.Notification);
                    Assert.Equal(Ok, result);
                    bits[k] = b;
                }, priorities[k]);
            }
            world.Spawn("signaler", async ctx =>
            {
                foreach (ulong b in new ulong[] { 0b001, 0b010, 0b100 })
                {
                    Assert.Equal(Ok, await Notifications.Notify(ctx, World.Notification, b));
                }
            }, priority: 1);
            world.RunToEnd();
            Assert.Equal(new ulong[] { 0b100, 0b001, 0b010 }, bits);
        });
    }
}
