using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.LongIpcParts;
using static Verified.Explorer.Kernel.ResultWords;
using IpcStates = IpcTypes.__default;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// A string of three chunks goes from a sender to a receiver while a third thread aborts the sender once, at any
/// point. An abort that finds the sender in the transfer ends it for both with ErrAborted, both report the same bytes
/// moved and the buffer holds exactly those; anywhere else it has no effect and the message arrives whole.
/// </summary>
public static class AbortDuringTransfer
{
    private const int Length = 2 * 4096 + 1500;   // three chunks

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the kernel that does not report the bytes moved (UTCB word 99) when a transfer ends.</summary>
    public static Task TransferredNotReported(ControlledRuntime runtime) => Run(runtime, PlantedBugs.TransferredNotReported);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, plantedBug);
        Prepare(world, Length, mappedPages: 3);
        ulong sent = ulong.MaxValue, received = ulong.MaxValue, found = ulong.MaxValue;
        ulong atSender = ulong.MaxValue, atReceiver = ulong.MaxValue;
        var sender = world.Spawn("sender", async ctx =>
        {
            Unreported(ctx);
            sent = (await Send(ctx, Length, User.Sim.Timeout.AllNever)).Result;
            atSender = StringBuffers.Transferred(ctx.Utcb);
        });
        world.Spawn("receiver", async ctx =>
        {
            Unreported(ctx);
            StringBuffers.Set(ctx.Utcb, (Target, Length));
            received = (await Ipc.Wait(ctx, KernelWorld.Endpoint)).Result;
            atReceiver = StringBuffers.Transferred(ctx.Utcb);
        });
        world.Spawn("aborter", async ctx =>
        {
            (ulong result, found) = await Threads.Exchange(ctx, world.SlotOf(sender), Threads.ControlAbort);
            Specification.Assert(result == Ok, $"abort returned {result:x}");
        });
        world.RunToEnd();
        bool aborted = found == IpcStates.XferSend;
        Specification.Assert(aborted ? sent == IpcAborted && received == (IpcAborted | ReceivePhase) : sent == Ok && received == Ok,
            $"abort found the sender in state {found}: sender {sent:x}, receiver {received:x}");
        Specification.Assert(atSender == atReceiver, $"sender reports {atSender} bytes moved, receiver {atReceiver}");
        Specification.Assert(aborted ? atSender < Length : atSender == Length, $"{atSender} bytes moved, aborted {aborted}");
        AssertMoved(world, atReceiver, Length);
        return Task.CompletedTask;
    }

    /// <summary>A value the kernel never reports, so that a missing report shows.</summary>
    private static void Unreported(Hal.Sim.Machine.SimUserContext ctx)
    {
        Hal.Sim.Machine.Utcb utcb = ctx.Utcb;
        utcb[Hal.Sim.Machine.Utcb.TransferredWord] = ulong.MaxValue;
    }
}
