// Producer/consumer with notifications (seeds: "producer-consumer synchronization together with shared memory").
// The Sim kernel has no map syscall yet, so the bounded buffer is shared state of the test (both threads are C# code
// of one task); only the synchronisation goes through the kernel: "items" and "space" notifications, whose bits stay
// pending until taken, so no wake-up is lost whatever the interleaving.
using System.Collections.Generic;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Synchronisation
{
    public sealed class ProducerConsumerTests
    {
        private const uint Items = World.Notification;
        private const uint Space = Scenario.SecondNotification;
        private const int Capacity = 3;
        private const int Count = 40;

        [Fact]
        public void EveryItemArrivesOnceInOrderAndTheBufferNeverOverflows() => Scenario.ForEachSeed(seed =>
        {
            var world = Scenario.WorldWithMoreObjects(seed);
            var buffer = new Queue<int>();
            var consumed = new List<int>();
            int maxFill = 0;
            world.Spawn("producer", async ctx =>
            {
                for (int i = 0; i < Count; i++)
                {
                    while (buffer.Count == Capacity)
                    {
                        (ulong result, ulong bits) = await Notifications.Wait(ctx, Space);
                        Assert.Equal(Ok, result);
                        Assert.Equal(1UL, bits);
                    }
                    buffer.Enqueue(i);
                    maxFill = System.Math.Max(maxFill, buffer.Count);
                    Assert.Equal(Ok, await Notifications.Notify(ctx, Items, 1));
                }
            });
            world.Spawn("consumer", async ctx =>
            {
                while (consumed.Count < Count)
                {
                    while (buffer.Count == 0)
                    {
                        (ulong result, ulong bits) = await Notifications.Wait(ctx, Items);
                        Assert.Equal(Ok, result);
                        Assert.Equal(1UL, bits);
                    }
                    consumed.Add(buffer.Dequeue());
                    Assert.Equal(Ok, await Notifications.Notify(ctx, Space, 1));
                }
            });
            world.RunToEnd();
            Assert.Equal(System.Linq.Enumerable.Range(0, Count), consumed);
            Assert.InRange(maxFill, 1, Capacity);
        });

        [Fact]
        public void AFastProducerFillsTheBufferAndBlocksUntilTheConsumerMakesSpace()
        {
            // The producer's higher priority lets it run until the buffer is full; only then does the consumer run.
            var world = Scenario.WorldWithMoreObjects(171);
            var buffer = new Queue<int>();
            var fillWhenBlocked = new List<int>();
            int consumed = 0;
            world.Spawn("producer", async ctx =>
            {
                for (int i = 0; i < Count; i++)
                {
                    while (buffer.Count == Capacity)
                    {
                        fillWhenBlocked.Add(buffer.Count);
                        Assert.Equal(Ok, (await Notifications.Wait(ctx, Space)).Result);
                    }
                    buffer.Enqueue(i);
                    Assert.Equal(Ok, await Notifications.Notify(ctx, Items, 1));
                }
            }, priority: 9);
            world.Spawn("consumer", async ctx =>
            {
                while (consumed < Count)
                {
                    while (buffer.Count == 0)
                    {
                        Assert.Equal(Ok, (await Notifications.Wait(ctx, Items)).Result);
                    }
                    Assert.Equal(consumed++, buffer.Dequeue());
                    Assert.Equal(Ok, await Notifications.Notify(ctx, Space, 1));
                }
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Count, consumed);
            // Each Notify(space) wakes the higher-priority producer at once, so it refills the one free place.
            Assert.Equal(Count - Capacity, fillWhenBlocked.Count);
            Assert.All(fillWhenBlocked, fill => Assert.Equal(Capacity, fill));
        }
    }
}
