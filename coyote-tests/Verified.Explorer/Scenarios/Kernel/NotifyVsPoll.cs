using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// Two notifiers signal distinct bits while a waiter polls with zero timeouts and then blocks briefly, and a third
/// thread cancels the waiter. Bits are never lost or invented: what the waiter took and what is still pending at the
/// end are disjoint and together exactly the bits signalled.
/// </summary>
public static class NotifyVsPoll
{
    private const ulong First = 0b01;
    private const ulong Second = 0b10;

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the kernel that wakes a notification waiter with OK but without its bits.</summary>
    public static Task DroppedBits(ControlledRuntime runtime) => Run(runtime, PlantedBugs.NotifyDropsBits);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        var world = new KernelWorld(runtime, plantedBug);
        ulong taken = 0;
        bool takenTwice = false;
        async Task Take(Hal.Sim.Machine.SimUserContext ctx, ushort timeout)
        {
            (ulong result, ulong bits) = await Notifications.Wait(ctx, KernelWorld.Notification, timeout);
            // NotifyWait is a one-phase call: its errors carry no receive-phase bit.
            Specification.Assert(result is Ok or IpcRecvTimeout or IpcCanceled,
                $"NotifyWait returned {result:x}");
            Specification.Assert(result == Ok ? bits != 0 : bits == 0, $"NotifyWait {result:x} with bits {bits:x}");
            takenTwice |= (taken & bits) != 0;
            taken |= bits;
        }
        var waiter = world.Spawn("waiter", async ctx =>
        {
            await Take(ctx, User.Sim.Timeout.Zero);
            await Take(ctx, User.Sim.Timeout.Zero);
            await Take(ctx, User.Sim.Timeout.Ticks(4));
        });
        world.Spawn("notifier-1", async ctx =>
            Specification.Assert(await Notifications.Notify(ctx, KernelWorld.Notification, First) == Ok, "notify 1"));
        world.Spawn("notifier-2", async ctx =>
            Specification.Assert(await Notifications.Notify(ctx, KernelWorld.Notification, Second) == Ok, "notify 2"));
        world.Spawn("canceler", async ctx => await Threads.Cancel(ctx, world.SlotOf(waiter)));
        world.RunToEnd();
        ulong pending = world.Kernel.Ipc.m.ntfWord[KernelWorld.NotificationObject];
        Specification.Assert(!takenTwice, $"a bit was taken twice (taken {taken:x})");
        Specification.Assert((taken & pending) == 0 && (taken | pending) == (First | Second),
            $"bits lost or invented: taken {taken:x}, pending {pending:x}");
        return Task.CompletedTask;
    }
}
