// A line nobody listens to: without an IRQ object, or after detach, an interrupt masks the line, is counted as
// undelivered and signals nothing; raises after it wait at the controller until a driver attaches and acknowledges.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Interrupts
{
    public sealed class DetachTests
    {
        [Fact]
        public void AfterDetachTheLineIsMaskedAndCountedUntilAttachedAgain() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            SimDevice device = Driver.Device(world);
            var core = world.Kernel.Core;
            InterruptController controller = world.Machine.Interrupts;
            ulong silent = 1, again = 1, bits = 0;
            world.Spawn("driver", async ctx =>
            {
                await Driver.Start(ctx);
                Assert.True(core.IsIrqBound(Driver.Line));
                Assert.Equal(Ok, await Irq.Detach(ctx, Driver.IrqSlot));
                Assert.False(core.IsIrqBound(Driver.Line));
                Assert.Equal(CapsEmptySlot, await Irq.Detach(ctx, Driver.IrqSlot));
                device.Remaining = 1;
                await Scenario.SleepUntil(ctx, () => core.IrqUndelivered(Driver.Line) == 1);
                Assert.True(controller.IsMasked(Driver.Line));
                (silent, _) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero);
                // The next raise stays pending behind the mask: nobody is told, and it is not counted yet.
                device.Remaining = 1;
                await Scenario.SleepUntil(ctx, () => device.Remaining == 0);
                Assert.True(controller.IsPending(Driver.Line));
                Assert.Equal(1UL, core.IrqUndelivered(Driver.Line));
                Assert.Equal(Ok, await Irq.Attach(ctx, Driver.IrqSlot, World.Notification, Driver.Bit));
                Assert.Equal(Ok, await Irq.Acknowledge(ctx, Driver.IrqSlot));
                (again, bits) = await Notifications.Wait(ctx, World.Notification);
                Assert.Equal(Ok, await Irq.Acknowledge(ctx, Driver.IrqSlot));
            });
            world.RunToEnd();
            Assert.Equal(IpcRecvTimeout, silent);
            Assert.Equal(Ok, again);
            Assert.Equal(Driver.Bit, bits);
            Assert.Equal(2, device.Raised);
            Assert.Equal(1UL, core.IrqSignalled(Driver.Line));
            Assert.Equal(1UL, core.IrqUndelivered(Driver.Line));
            Assert.False(controller.IsMasked(Driver.Line));
        });

        [Fact]
        public void ALineWithoutAnIrqObjectIsMaskedAndCounted()
        {
            var world = new World(41);
            SimDevice device = world.Machine.CreateDevice("stray", Driver.Line, 2);
            var core = world.Kernel.Core;
            ulong woken = 1;
            world.Spawn("bystander", async ctx =>
            {
                await Scenario.SleepUntil(ctx, () => device.Remaining == 0);
                (woken, _) = await Notifications.Wait(ctx, World.Notification, Timeout.Zero);
            });
            world.RunToEnd();
            Assert.Equal(IpcRecvTimeout, woken);
            Assert.Equal(2, device.Raised);
            Assert.Equal(1UL, core.IrqUndelivered(Driver.Line));
            Assert.Equal(0UL, core.IrqSignalled(Driver.Line));
            Assert.True(world.Machine.Interrupts.IsMasked(Driver.Line));
            Assert.True(world.Machine.Interrupts.IsPending(Driver.Line));
        }

        [Fact]
        public void TwoLinesSignalTheirOwnBitsIntoOneNotification()
        {
            const int OtherLine = 7;
            const uint OtherSlot = 25;
            const ulong OtherBit = 1UL << 9;
            var world = new World(43);
            SimDevice first = Driver.Device(world);
            SimDevice second = world.Machine.CreateDevice("second", OtherLine, 0);
            ulong seen = 0;
            world.Spawn("driver", async ctx =>
            {
                await Driver.Start(ctx);
                Assert.Equal(Ok, await Irq.Create(ctx, OtherSlot, OtherLine, World.TaskSlot));
                Assert.Equal(Ok, await Irq.Attach(ctx, OtherSlot, World.Notification, OtherBit));
                first.Remaining = 1;
                second.Remaining = 1;
                while (seen != (Driver.Bit | OtherBit))
                {
                    (ulong result, ulong bits) = await Notifications.Wait(ctx, World.Notification);
                    Assert.Equal(Ok, result);
                    Assert.Equal(0UL, bits & seen);
                    seen |= bits;
                }
                Assert.Equal(Ok, await Irq.Acknowledge(ctx, Driver.IrqSlot));
                Assert.Equal(Ok, await Irq.Acknowledge(ctx, OtherSlot));
            });
            world.RunToEnd();
            Assert.Equal(Driver.Bit | OtherBit, seen);
            Assert.Equal(1UL, world.Kernel.Core.IrqSignalled(Driver.Line));
            Assert.Equal(1UL, world.Kernel.Core.IrqSignalled(OtherLine));
        }
    }
}
