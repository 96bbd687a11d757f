// Bad arguments of Create type 6 and IrqControl end in the documented result word (docs/abi.md sections 2 and 9)
// and change nothing: neither core, nor the line's binding, nor the controller's mask.
using System;
using System.Threading.Tasks;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Interrupts
{
    public sealed class IrqArgumentTests
    {
        private const ulong CapsObjectLive = 0x1_0008;
        private const uint ReadOnlyIrq = 26;
        private const uint ReadOnlyNotification = 27;
        private const uint SecondIrq = 28;

        [Fact]
        public void EachBadArgumentReturnsItsErrorAndChangesNothing()
        {
            var world = new World(47);
            var core = world.Kernel.Core;
            uint task = (uint)world.Task;
            Assert.Equal(0ul, core.BootMint(task, World.Notification, ReadOnlyNotification, 1, 0));
            int checks = 0;
            world.Spawn("prober", async ctx =>
            {
                async Task Expect(ulong expected, Func<Task<ulong>> call)
                {
                    ulong[] before = CoreSnapshot.Take(core);
                    bool bound = core.IsIrqBound(Driver.Line);
                    ulong masked = world.Machine.Interrupts.MaskedBits;
                    Assert.Equal(expected, await call());
                    Assert.Equal(before, CoreSnapshot.Take(core));
                    Assert.Equal(bound, core.IsIrqBound(Driver.Line));
                    Assert.Equal(masked, world.Machine.Interrupts.MaskedBits);
                    checks++;
                }
                uint lines = (uint)world.Machine.Interrupts.Lines;

                // Create: the timer's line, lines past the controller, then the checks every Create makes.
                await Expect(IpcInvalidArgument, () => Irq.Create(ctx, Driver.IrqSlot, 0, World.TaskSlot));
                await Expect(IpcInvalidArgument, () => Irq.Create(ctx, Driver.IrqSlot, lines, World.TaskSlot));
                await Expect(IpcInvalidArgument, () => Irq.Create(ctx, Driver.IrqSlot, 1UL << 40, World.TaskSlot));
                await Expect(CapsSlotOccupied, () => Irq.Create(ctx, World.Endpoint, Driver.Line, World.TaskSlot));
                await Expect(CapsInvalidSlot, () => Irq.Create(ctx, World.OutOfRangeSlot, Driver.Line, World.TaskSlot));
                await Expect(CapsInvalidArgument, () => Irq.Create(ctx, Driver.IrqSlot, Driver.Line, World.Endpoint));
                await Expect(CapsEmptySlot, () => Irq.Create(ctx, Driver.IrqSlot, Driver.Line, World.EmptySlot));

                Assert.Equal(Ok, await Irq.Create(ctx, Driver.IrqSlot, Driver.Line, World.TaskSlot));
                Assert.Equal(0ul, core.BootMint(task, Driver.IrqSlot, ReadOnlyIrq, 1, 0));
                // One IRQ object per line, while a capability names it.
                await Expect(CapsObjectLive, () => Irq.Create(ctx, SecondIrq, Driver.Line, World.TaskSlot));

                // The IRQ slot: operation, range, emptiness, type, rights.
                await Expect(IpcInvalidArgument, () => Irq.Control(ctx, Driver.IrqSlot, 3));
                await Expect(IpcInvalidArgument, () => Irq.Control(ctx, Driver.IrqSlot, 1UL << 63));
                await Expect(CapsInvalidSlot, () => Irq.Acknowledge(ctx, World.OutOfRangeSlot));
                await Expect(IpcInvalidArgument, () => Irq.Control(ctx, 1UL << 32, 2));
                await Expect(CapsEmptySlot, () => Irq.Acknowledge(ctx, World.EmptySlot));
                await Expect(CapsInvalidArgument, () => Irq.Acknowledge(ctx, World.Endpoint));
                await Expect(CapsInvalidArgument, () => Irq.Attach(ctx, World.Notification, World.Notification, Driver.Bit));
                await Expect(CapsInvalidArgument, () => Irq.Acknowledge(ctx, World.TaskSlot));
                await Expect(CapsInvalidArgument, () => Irq.Attach(ctx, ReadOnlyIrq, World.Notification, Driver.Bit));

                // Attach: the notification slot and the bits.
                await Expect(IpcWrongObject, () => Irq.Attach(ctx, Driver.IrqSlot, World.Endpoint, Driver.Bit));
                await Expect(CapsInvalidArgument, () => Irq.Attach(ctx, Driver.IrqSlot, Driver.IrqSlot, Driver.Bit));
                await Expect(CapsEmptySlot, () => Irq.Attach(ctx, Driver.IrqSlot, World.EmptySlot, Driver.Bit));
                await Expect(CapsInvalidSlot, () => Irq.Attach(ctx, Driver.IrqSlot, World.OutOfRangeSlot, Driver.Bit));
                await Expect(CapsInvalidArgument, () => Irq.Attach(ctx, Driver.IrqSlot, ReadOnlyNotification, Driver.Bit));
                await Expect(IpcInvalidArgument, () => Irq.Attach(ctx, Driver.IrqSlot, World.Notification, 0));

                // Detach of a line with no binding; attach of a line that has one.
                await Expect(CapsEmptySlot, () => Irq.Detach(ctx, Driver.IrqSlot));
                Assert.Equal(Ok, await Irq.Attach(ctx, Driver.IrqSlot, World.Notification, Driver.Bit));
                await Expect(CapsSlotOccupied, () => Irq.Attach(ctx, Driver.IrqSlot, World.Notification, Driver.Bit));
                await Expect(CapsSlotOccupied, () => Irq.Attach(ctx, Driver.IrqSlot, World.Notification, 1));
                Assert.True(core.IsIrqBound(Driver.Line));
            });
            world.RunToEnd();
            Assert.Equal(26, checks);
        }
    }
}
