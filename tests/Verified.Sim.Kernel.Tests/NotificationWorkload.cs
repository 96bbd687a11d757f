// The notification workload of DeterminismTests: the waiter has the higher priority, so the kernel runs it first and
// the order of events is forced: it blocks (wake-up case), then bits sent while it waits on the endpoint accumulate.
// (As a test of Notify and NotifyWait it is the shared scenario user/Scenarios/Signals/WakeThenAccumulateScenario.cs.)
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests
{
    internal static class NotificationWorkload
    {
        internal sealed class Outcome
        {
            public ulong Woken = 1, WokenBits, Accumulated = 1, AccumulatedBits, Empty = 1, Signals = 1;

            public string Describe() => $"{Woken:X}:{WokenBits:X}/{Accumulated:X}:{AccumulatedBits:X}/{Empty:X}/{Signals:X}";
        }

        internal static void Spawn(World world, Outcome outcome)
        {
            world.Spawn("waiter", async ctx =>
            {
                (outcome.Woken, outcome.WokenBits) = await Notifications.Wait(ctx, World.Notification);
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
                (outcome.Accumulated, outcome.AccumulatedBits) = await Notifications.Wait(ctx, World.Notification);
                (outcome.Empty, _) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero);
            }, priority: 10);
            world.Spawn("signaler", async ctx =>
            {
                ulong all = await Notifications.Notify(ctx, World.Notification, 0b10);
                all |= await Notifications.Notify(ctx, World.Notification, 0b001);
                all |= await Notifications.Notify(ctx, World.Notification, 0b100);
                all |= (await Ipc.Send(ctx, World.SecondEndpoint, 1, System.Array.Empty<ulong>())).Result;
                outcome.Signals = all;
            }, priority: 5);
        }
    }
}
