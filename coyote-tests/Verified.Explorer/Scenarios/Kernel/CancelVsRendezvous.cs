using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;
using IpcStates = IpcTypes.__default;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// A client Calls, a server Waits (with a timeout, so it ends when the call was canceled) and replies, and a third
/// thread cancels the client once. The client ends with the reply or ErrCanceled in the phase it waited in; a client
/// canceled in its send phase sent nothing, so the server must not have received its message. The client's send
/// phase has a timeout too, longer than the server's: a schedule that lets time run past the server's deadline before
/// the client Calls (PCT does, when it puts the timer above the client) leaves nobody to receive, and the client
/// then ends with a send timeout instead of waiting forever.
/// </summary>
public static class CancelVsRendezvous
{
    private const ulong Label = 0x51;
    private const ulong Word = 0xC0FFEE;
    private const ulong ServerTicks = 20;
    private const ulong ClientSendTicks = 2 * ServerTicks;

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the kernel whose cancel wakes the canceled thread with OK: a client canceled in its send
    /// phase then reports a reply it never got.</summary>
    public static Task LostCancelError(ControlledRuntime runtime) => Run(runtime, PlantedBugs.CancelLosesError);

    /// <summary>The same on the kernel whose cancel passes over a Call waiting for its reply: the canceled client
    /// still gets the reply, as if the cancel had never happened.</summary>
    public static Task ReplyWaitNotCanceled(ControlledRuntime runtime) => Run(runtime, PlantedBugs.CancelSkipsReplyWait);

    /// <summary>The same on the kernel that does not count a Call's wait for its reply as the receive phase: a client
    /// canceled after the server took its message reports a send-phase cancel.</summary>
    public static Task ReplyWaitLosesPhase(ControlledRuntime runtime) => Run(runtime, PlantedBugs.ReplyWaitLosesPhase);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, plantedBug);
        ulong called = ulong.MaxValue, served = ulong.MaxValue, replied = ulong.MaxValue, canceledIn = ulong.MaxValue;
        bool sawMessage = false;
        var client = world.Spawn("client", async ctx =>
        {
            called = (await Answered.Watch("client", () => Ipc.Call(ctx, KernelWorld.Endpoint, Label, new[] { Word },
                sendTimeout: User.Sim.Timeout.Ticks(ClientSendTicks)))).Result;
        });
        world.Spawn("server", async ctx =>
        {
            IpcResult request = await Ipc.Wait(ctx, KernelWorld.Endpoint, User.Sim.Timeout.Ticks(ServerTicks));
            served = request.Result;
            if (served == Ok)
            {
                sawMessage = request.Label == Label && request.Words.Length == 1 && request.Words[0] == Word;
                replied = (await Ipc.Reply(ctx, 0, new[] { Word + 1 })).Result;
            }
        });
        world.Spawn("canceler", async ctx =>
        {
            (ulong result, canceledIn) = await Threads.Cancel(ctx, world.SlotOf(client));
            Specification.Assert(result == Ok, $"cancel returned {result:x}");
        });
        world.RunToEnd();
        Specification.Assert(called is Ok or IpcCanceled or (IpcCanceled | ReceivePhase) or IpcSendTimeout,
            $"client ended with {called:x}");
        Specification.Assert(called != IpcSendTimeout || served == (IpcRecvTimeout | ReceivePhase),
            $"client's send timed out, but the server ended with {served:x}");
        Specification.Assert(served is Ok or (IpcRecvTimeout | ReceivePhase), $"server ended with {served:x}");
        Specification.Assert(served != Ok || sawMessage, "server received a message that is not the client's");
        Specification.Assert(!(called == IpcCanceled && served == Ok),
            "server received the message of a client canceled in its send phase");
        Specification.Assert(called != Ok || served == Ok && replied == Ok, "client got OK without a reply");
        Specification.Assert(called != IpcCanceled || served != Ok, "canceled send was delivered");
        // A cancel that finds the client inside its IPC (r8: the state it found) ends that IPC, in either phase.
        Specification.Assert(!IsWaiting(canceledIn) || called is IpcCanceled or (IpcCanceled | ReceivePhase),
            $"client canceled in state {canceledIn} ended with {called:x}");
        return Task.CompletedTask;
    }

    private static bool IsWaiting(ulong state) =>
        state == IpcStates.SendBlocked || state == IpcStates.CallBlocked || state == IpcStates.RecvBlocked
        || state == IpcStates.RecvClosed;
}
