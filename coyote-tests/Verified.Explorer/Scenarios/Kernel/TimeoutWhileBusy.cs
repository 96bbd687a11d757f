using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;
using IpcStates = IpcTypes.__default;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// A receiver Waits with a 3-tick timeout on an endpoint nobody sends to while another thread keeps the machine busy
/// with Null syscalls, on a clock that moves two ticks per step: the timer interrupt then finds the clock a tick
/// further than at the last interrupt (as after interrupts were held off). The wait must still end at its deadline,
/// not a timer-wheel turn later.
/// </summary>
public static class TimeoutWhileBusy
{
    private const ulong Timeout = 3;
    // Deadline + the two-tick steps until the next timer interrupt and the kernel entry after the user code's read.
    private const ulong Slack = 6;

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the kernel whose timer advances only the wheel slot of the current tick.</summary>
    public static Task SkippedSlot(ControlledRuntime runtime) => Run(runtime, PlantedBugs.TickSkipsSlots);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        var world = new KernelWorld(runtime, plantedBug);
        world.Machine.TicksPerStep = 2;
        ulong deadline = ulong.MaxValue;
        ulong result = ulong.MaxValue;
        var receiver = world.Spawn("receiver", async ctx =>
        {
            deadline = world.Machine.Timer.Now + Timeout;
            result = (await Ipc.Wait(ctx, KernelWorld.Endpoint, User.Sim.Timeout.Ticks(Timeout))).Result;
        });
        world.Spawn("busy", async ctx =>
        {
            for (int i = 0; i < 12; i++)
            {
                await Threads.Null(ctx);
            }
        });
        uint id = world.Kernel.IdOf(receiver);
        world.RunToEnd(check: () =>
        {
            ulong now = world.Machine.Timer.Now;
            Specification.Assert(world.Kernel.Ipc.state[id] != IpcStates.RecvBlocked || now <= deadline + Slack,
                $"receiver still waits at tick {now}, its timeout was at tick {deadline}");
        });
        Specification.Assert(result == (IpcRecvTimeout | ReceivePhase), $"receiver ended with {result:x}");
        return Task.CompletedTask;
    }
}
