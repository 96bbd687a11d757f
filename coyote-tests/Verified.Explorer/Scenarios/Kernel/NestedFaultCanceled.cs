using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.LongIpcParts;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// A string whose second page is not mapped, a pager that resolves the fault, and a third thread that cancels the
/// sender once, at any point. A cancel before the rendezvous cancels the send; one that finds the sender's nested
/// page-fault IPC in progress cancels that IPC, which ends the outer one for both with ErrNestedPf; anywhere else it
/// changes nothing and the message arrives whole.
/// </summary>
public static class NestedFaultCanceled
{
    private const int Length = 6000;
    private const ulong DoneLabel = 0xD0E;

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the kernel that resumes the transfer when the nested IPC ends, whatever its result.</summary>
    public static Task ResumedAfterCancel(ControlledRuntime runtime) => Run(runtime, PlantedBugs.NestedCancelResumes);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, plantedBug);
        Prepare(world, Length, mappedPages: 1);
        ulong sent = ulong.MaxValue, received = ulong.MaxValue, moved = 0;
        bool nestedAtCancel = false;
        var sender = world.Spawn("sender", async ctx =>
        {
            ulong timeouts = User.Sim.Timeout.Word(User.Sim.Timeout.Ticks(50), User.Sim.Timeout.Never);
            sent = (await Send(ctx, Length, timeouts)).Result;
            // Tells the pager that no fault will come any more, however the send ended.
            ulong done = (await Ipc.Call(ctx, PagerEndpoint, DoneLabel, System.Array.Empty<ulong>())).Result;
            Specification.Assert(done == Ok, $"done call {done:x}");
        });
        GivePager(world, sender);
        world.Spawn("receiver", async ctx =>
        {
            StringBuffers.Set(ctx.Utcb, (Target, Length));
            received = (await Ipc.Wait(ctx, KernelWorld.Endpoint, User.Sim.Timeout.Ticks(40))).Result;
            moved = StringBuffers.Transferred(ctx.Utcb);
        });
        world.Spawn("pager", async ctx =>
        {
            // Serves faults until the sender says it is done (a resumed transfer may fault again).
            while (true)
            {
                IpcResult fault = await Ipc.Wait(ctx, PagerEndpoint);
                Specification.Assert(fault.Result == Ok, $"pager Wait {fault.Result:x}");
                if (fault.Label == DoneLabel)
                {
                    Specification.Assert((await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result == Ok, "done reply");
                    return;
                }
                // Works on the fault for a tick: a window in which the cancel finds the nested IPC held by the pager.
                Specification.Assert((await Ipc.Sleep(ctx, User.Sim.Timeout.Ticks(1))).Result == Ok, "pager sleep");
                Resolve(world, fault.Words[0], Length);
                ulong replied = (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result;
                Specification.Assert(replied is Ok or IpcNoPartner, $"pager reply {replied:x}");
            }
        }, priority: 6);
        world.Spawn("canceler", async ctx =>
        {
            // Cancels when it sees the nested IPC, or after a few looks: every outcome stays possible. The look is in
            // the same machine step as the cancel's kernel entry, so nothing runs in between.
            for (int look = 0; look < 6 && !world.Kernel.InNestedFault(world.Kernel.IdOf(sender)); look++)
            {
                Specification.Assert(await Threads.Null(ctx) == Ok, "null syscall");
            }
            nestedAtCancel = world.Kernel.InNestedFault(world.Kernel.IdOf(sender));
            Specification.Assert((await Threads.Cancel(ctx, world.SlotOf(sender))).Result == Ok, "cancel");
        });
        world.RunToEnd();
        if (nestedAtCancel)
        {
            Specification.Assert(sent == IpcNestedPf && received == (IpcNestedPf | ReceivePhase),
                $"canceled nested fault: sender {sent:x}, receiver {received:x}");
        }
        else
        {
            Specification.Assert(sent == Ok && received == Ok && moved == Length
                || sent is IpcCanceled or IpcSendTimeout && received == (IpcRecvTimeout | ReceivePhase),
                $"sender {sent:x}, receiver {received:x}, {moved} bytes");
        }
        AssertMoved(world, moved, Length);
        return Task.CompletedTask;
    }
}
