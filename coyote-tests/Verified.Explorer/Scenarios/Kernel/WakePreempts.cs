using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// A high-priority server Waits; a low-priority thread Sends to it. The Send makes the server runnable, and it
/// outranks the sender, so the server runs before the sender's code goes on: by the time the Send returns to the
/// sender, the server has handled the message.
/// </summary>
public static class WakePreempts
{
    private const byte High = 6;
    private const byte Low = 4;

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the Sim kernel that does not stop a thread the core preempted.</summary>
    public static Task NotPreempted(ControlledRuntime runtime) => Run(runtime, PlantedBugs.PreemptionIgnored);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, plantedBug);
        bool handled = false;
        world.Spawn("server", async ctx =>
        {
            IpcResult request = await Ipc.Wait(ctx, KernelWorld.Endpoint);
            Specification.Assert(request.Result == Ok, $"server Wait returned {request.Result:x}");
            handled = true;
        }, High);
        world.Spawn("sender", async ctx =>
        {
            ulong sent = (await Answered.Watch("sender", () => Ipc.Send(ctx, KernelWorld.Endpoint, 1, [1]))).Result;
            Specification.Assert(sent == Ok, $"sender ended with {sent:x}");
            Specification.Assert(handled, $"sender (priority {Low}) ran on before the server (priority {High}) it woke");
        }, Low);
        world.RunToEnd();
        return Task.CompletedTask;
    }
}
