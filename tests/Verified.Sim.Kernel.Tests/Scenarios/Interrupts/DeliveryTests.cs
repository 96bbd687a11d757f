// Interrupts reach a user driver through its notification: every interrupt of the line signals once, the line is
// masked from the interrupt until the driver acknowledges it, and a high-priority driver runs before a busy
// low-priority thread as soon as its interrupt arrives.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Interrupts
{
    public sealed class DeliveryTests
    {
        private const int Requests = 20;

        [Fact]
        public void TheDriverGetsOneSignalPerInterrupt() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            SimDevice device = Driver.Device(world);
            int counted = 0;
            world.Spawn("driver", async ctx =>
            {
                await Driver.Start(ctx);
                for (int i = 0; i < Requests; i++)
                {
                    Assert.Equal(Driver.Bit, await Driver.Request(ctx, device));
                    counted++;
                    Assert.True(world.Machine.Interrupts.IsMasked(Driver.Line));
                    Assert.Equal(Ok, await Irq.Acknowledge(ctx, Driver.IrqSlot));
                    Assert.False(world.Machine.Interrupts.IsMasked(Driver.Line));
                }
            });
            world.RunToEnd();
            Assert.Equal(Requests, counted);
            Assert.Equal(Requests, device.Raised);
            Assert.Equal((ulong)Requests, world.Kernel.Core.IrqSignalled(Driver.Line));
            Assert.Equal(0UL, world.Kernel.Core.IrqUndelivered(Driver.Line));
        });

        [Fact]
        public void TheLineStaysMaskedUntilTheDriverAcknowledges() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            SimDevice device = Driver.Device(world);
            var core = world.Kernel.Core;
            InterruptController controller = world.Machine.Interrupts;
            ulong first = 1, firstBits = 0, early = 1, later = 1, second = 1, secondBits = 0, after = 1;
            world.Spawn("driver", async ctx =>
            {
                await Driver.Start(ctx);
                // Three raises: the first is delivered and masks the line, the second waits at the controller, the
                // third merges into it (edge-triggered).
                device.Remaining = 3;
                await Scenario.SleepUntil(ctx, () => device.Remaining == 0);
                Assert.True(controller.IsMasked(Driver.Line));
                Assert.True(controller.IsPending(Driver.Line));
                (first, firstBits) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero);
                (early, _) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero);
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(20))).Result);
                (later, _) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero);
                Assert.Equal(1UL, core.IrqSignalled(Driver.Line));
                Assert.Equal(Ok, await Irq.Acknowledge(ctx, Driver.IrqSlot));
                (second, secondBits) = await Notifications.Wait(ctx, World.Notification);
                Assert.True(controller.IsMasked(Driver.Line));
                Assert.False(controller.IsPending(Driver.Line));
                Assert.Equal(Ok, await Irq.Acknowledge(ctx, Driver.IrqSlot));
                (after, _) = await Notifications.Wait(ctx, World.Notification, Timeout.Ticks(20));
            });
            world.RunToEnd();
            Assert.Equal(Ok, first);
            Assert.Equal(Driver.Bit, firstBits);
            Assert.Equal(IpcRecvTimeout, early);
            Assert.Equal(IpcRecvTimeout, later);
            Assert.Equal(Ok, second);
            Assert.Equal(Driver.Bit, secondBits);
            Assert.Equal(IpcRecvTimeout, after);
            Assert.Equal(3, device.Raised);
            Assert.Equal(2UL, core.IrqSignalled(Driver.Line));
            Assert.Equal(0UL, core.IrqUndelivered(Driver.Line));
            Assert.False(controller.IsMasked(Driver.Line));
        });

        [Fact]
        public void AHighPriorityDriverPreemptsABusyThread() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed, recordTrace: true);
            SimDevice device = Driver.Device(world);
            bool done = false;
            int busyEntries = 0;
            SimThread? driver = null;
            driver = world.Spawn("driver", async ctx =>
            {
                await Driver.Start(ctx);
                for (int i = 0; i < Requests; i++)
                {
                    Assert.Equal(Driver.Bit, await Driver.Request(ctx, device));
                    Assert.Equal(Ok, await Irq.Acknowledge(ctx, Driver.IrqSlot));
                }
                done = true;
            }, priority: 9);
            SimThread busy = null!;
            busy = world.Spawn("busy", async ctx =>
            {
                while (!done)
                {
                    // Running at all means the driver has nothing to do: a signalled driver would be runnable.
                    Assert.False(world.Kernel.Core.IsRunnable(world.Kernel.IdOf(driver!)));
                    Assert.Equal(Ok, await Threads.Null(ctx));
                    busyEntries++;
                }
            }, priority: 2);
            world.RunToEnd();
            Assert.Equal((ulong)Requests, world.Kernel.Core.IrqSignalled(Driver.Line));
            // After each interrupt of the line the next thread to run is the driver, never the busy thread; and some
            // interrupts came while the busy thread was the one running (the last thread before them).
            int interrupts = 0, preempted = 0, last = -1;
            var events = world.Machine.Trace.Events;
            for (int i = 0; i < events.Count; i++)
            {
                if (events[i].Kind == SimEventKind.Thread)
                {
                    last = events[i].Id;
                }
                if (events[i].Kind != SimEventKind.Interrupt || events[i].Id != Driver.Line)
                {
                    continue;
                }
                interrupts++;
                preempted += last == busy.Id ? 1 : 0;
                int next = i + 1;
                while (events[next].Kind != SimEventKind.Thread)
                {
                    next++;
                }
                Assert.Equal(driver.Id, events[next].Id);
            }
            Assert.Equal(Requests, interrupts);
            Assert.InRange(preempted, 1, Requests);
            Assert.InRange(busyEntries, preempted, int.MaxValue);
        });
    }
}
