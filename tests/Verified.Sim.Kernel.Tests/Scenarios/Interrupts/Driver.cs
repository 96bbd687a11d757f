// What the interrupt scenarios share: the device line and slots a driver uses, and the driver's start (make the IRQ
// object of the line, attach it to World's notification). A device made with no interrupts raises only what the test
// asks of it (Remaining), like a device that completes a request the driver gave it: so counts can be exact even though
// the controller merges raises of a line that is already pending.
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Interrupts
{
    internal static class Driver
    {
        public const int Line = 3;
        public const uint IrqSlot = 24;
        public const ulong Bit = 1UL << 5;

        public static SimDevice Device(World world) => world.Machine.CreateDevice("device", Line, 0);

        public static async Task Start(SimUserContext ctx)
        {
            Assert.Equal(Ok, await Irq.Create(ctx, IrqSlot, Line, World.TaskSlot));
            Assert.Equal(Ok, await Irq.Attach(ctx, IrqSlot, World.Notification, Bit));
        }

        /// <summary>Asks the device for one interrupt and waits for its signal; returns the bits.</summary>
        public static async Task<ulong> Request(SimUserContext ctx, SimDevice device)
        {
            device.Remaining = 1;
            (ulong result, ulong bits) = await Notifications.Wait(ctx, World.Notification);
            Assert.Equal(Ok, result);
            return bits;
        }
    }
}
