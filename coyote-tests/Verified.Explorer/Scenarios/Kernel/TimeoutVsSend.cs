using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// A receiver waits with a short relative timeout while a sender sends with one of its own, and the engine may fire
/// the timer early. Exactly one outcome: the message passes with OK on both sides, or both time out in their phase.
/// </summary>
public static class TimeoutVsSend
{
    private const ulong Label = 0x7E;
    private const ulong Word = 0xFEED;

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the kernel that reports a receive timeout without its receive-phase bit: the receiver
    /// cannot tell which phase of its IPC timed out.</summary>
    public static Task LostPhase(ControlledRuntime runtime) => Run(runtime, PlantedBugs.TimeoutLosesPhase);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, plantedBug);
        ulong sent = ulong.MaxValue;
        IpcResult? received = null;
        world.Spawn("receiver", async ctx =>
        {
            received = await Ipc.Wait(ctx, KernelWorld.Endpoint, User.Sim.Timeout.Ticks(3));
        });
        world.Spawn("sender", async ctx =>
        {
            sent = (await Answered.Watch("sender",
                () => Ipc.Send(ctx, KernelWorld.Endpoint, Label, new[] { Word }, User.Sim.Timeout.Ticks(6)))).Result;
        });
        world.RunToEnd();
        ulong got = received?.Result ?? ulong.MaxValue;
        bool passed = got == Ok && sent == Ok && received!.Label == Label && received.Words is [Word];
        bool bothTimedOut = got == (IpcRecvTimeout | ReceivePhase) && sent == IpcSendTimeout;
        Specification.Assert(passed || bothTimedOut, $"receiver {got:x}, sender {sent:x}");
        return Task.CompletedTask;
    }
}
