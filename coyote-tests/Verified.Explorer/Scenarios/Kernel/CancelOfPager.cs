using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.LongIpcParts;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// Cancel of a thread that is itself serving a page fault: a long IPC faults, and a third thread cancels the pager
/// once, at any point (in its Wait, or while it works on the fault in a Sleep). The cancel ends only the pager's own
/// wait; the pager goes on (waits again, or finishes the fault it holds) and the outer IPC completes whole.
/// </summary>
public static class CancelOfPager
{
    private const int Length = 6000;

    public static Task Run(ControlledRuntime runtime)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime);
        Prepare(world, Length, mappedPages: 1);
        ulong sent = ulong.MaxValue, received = ulong.MaxValue, moved = 0, canceledIn = ulong.MaxValue;
        var sender = world.Spawn("sender", async ctx => sent = (await Send(ctx, Length, User.Sim.Timeout.AllNever)).Result);
        GivePager(world, sender);
        world.Spawn("receiver", async ctx =>
        {
            StringBuffers.Set(ctx.Utcb, (Target, Length));
            received = (await Ipc.Wait(ctx, KernelWorld.Endpoint)).Result;
            moved = StringBuffers.Transferred(ctx.Utcb);
        });
        var pager = world.Spawn("pager", async ctx =>
        {
            IpcResult fault;
            do
            {
                fault = await Ipc.Wait(ctx, PagerEndpoint);
                Specification.Assert(fault.Result is Ok or (IpcCanceled | ReceivePhase), $"pager Wait {fault.Result:x}");
            }
            while (fault.Result != Ok);
            ulong slept = (await Ipc.Sleep(ctx, User.Sim.Timeout.Ticks(2))).Result;
            Specification.Assert(slept is Ok or (IpcCanceled | ReceivePhase), $"pager Sleep {slept:x}");
            Resolve(world, fault.Words[0], Length);
            ulong replied = (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result;
            Specification.Assert(replied == Ok, $"pager reply {replied:x}");
        }, priority: 6);
        world.Spawn("canceler", async ctx =>
        {
            (ulong result, canceledIn) = await Threads.Cancel(ctx, world.SlotOf(pager));
            Specification.Assert(result == Ok, "cancel");
        });
        world.RunToEnd();
        Specification.Assert(sent == Ok && received == Ok && moved == Length,
            $"pager canceled in state {canceledIn}: sender {sent:x}, receiver {received:x}, {moved} bytes");
        AssertMoved(world, moved, Length);
        return Task.CompletedTask;
    }
}
