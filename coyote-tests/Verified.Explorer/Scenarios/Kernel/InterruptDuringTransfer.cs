using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.LongIpcParts;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// Interrupts arriving during a transfer: a high-priority driver asks a device for an interrupt three times, one at a
/// time, and the engine lets the device raise it at any step (or never: the driver gives up after a timeout, stops
/// the device and polls once more) while a low-priority pair moves a string in chunks. Every interrupt raised reaches
/// the driver exactly once, with the line masked until its acknowledge, and the transfer completes whole.
/// </summary>
public static class InterruptDuringTransfer
{
    private const int Length = 4 * 4096 + 500;   // five chunks
    private const int Line = 3;
    private const uint IrqSlot = 6;
    private const ulong Bit = 1UL << 4;
    private const int Interrupts = 3;

    public static Task Run(ControlledRuntime runtime)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime);
        Prepare(world, Length, mappedPages: 5);
        SimDevice device = world.Machine.CreateDevice("device", Line, 0);
        ulong sent = ulong.MaxValue, received = ulong.MaxValue, moved = 0;
        int taken = 0;
        world.Spawn("sender", async ctx => sent = (await Send(ctx, Length, User.Sim.Timeout.AllNever)).Result, priority: 3);
        world.Spawn("receiver", async ctx =>
        {
            StringBuffers.Set(ctx.Utcb, (Target, Length));
            received = (await Ipc.Wait(ctx, KernelWorld.Endpoint)).Result;
            moved = StringBuffers.Transferred(ctx.Utcb);
        }, priority: 3);
        world.Spawn("driver", async ctx =>
        {
            Specification.Assert(await Irq.Create(ctx, IrqSlot, Line, KernelWorld.TaskSlot) == Ok, "irq create");
            Specification.Assert(await Irq.Attach(ctx, IrqSlot, KernelWorld.Notification, Bit) == Ok, "irq attach");
            for (int request = 0; request < Interrupts; request++)
            {
                // The device may raise from now on, at whatever step the engine picks.
                device.Remaining = 1;
                (ulong result, ulong bits) = await Notifications.Wait(ctx, KernelWorld.Notification, User.Sim.Timeout.Ticks(20));
                if (result != Ok)
                {
                    Specification.Assert(result == IpcRecvTimeout, $"driver wait {result:x}");
                    device.Remaining = 0;
                    (result, bits) = await Notifications.Wait(ctx, KernelWorld.Notification, User.Sim.Timeout.Zero);
                    if (result != Ok)
                    {
                        continue;
                    }
                }
                Specification.Assert(bits == Bit, $"driver bits {bits:x}");
                Specification.Assert(world.Machine.Interrupts.IsMasked(Line), "line not masked before the acknowledge");
                taken++;
                Specification.Assert(await Irq.Acknowledge(ctx, IrqSlot) == Ok, "acknowledge");
            }
        }, priority: 7);
        world.RunToEnd(maxSteps: 600);
        Specification.Assert(sent == Ok && received == Ok && moved == Length, $"sender {sent:x}, receiver {received:x}, {moved} bytes");
        Specification.Assert(taken == device.Raised, $"driver took {taken} of {device.Raised} raised");
        AssertMoved(world, moved, Length);
        return Task.CompletedTask;
    }
}
