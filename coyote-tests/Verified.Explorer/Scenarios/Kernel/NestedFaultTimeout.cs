using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.LongIpcParts;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// A string whose second page is not mapped, a send page-fault timeout of 4 ticks, and a pager that takes a few ticks
/// before it maps the page and replies: the reply races the timeout. Either the pager's reply is accepted and the
/// message arrives whole, or the timeout ends the IPC for both with ErrSendPfTimeout and the late reply finds nobody
/// (the nested IPC was withdrawn).
/// </summary>
public static class NestedFaultTimeout
{
    private const int Length = 6000;

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the kernel that leaves the nested page-fault IPC standing when the outer IPC ends first.</summary>
    public static Task ShadowNotWithdrawn(ControlledRuntime runtime) => Run(runtime, PlantedBugs.ShadowNotWithdrawn);

    /// <summary>The same on the kernel that counts a chunk cut short by the fault as copied whole: the bytes of the
    /// faulting page are skipped.</summary>
    public static Task FaultChunkCounted(ControlledRuntime runtime) => Run(runtime, PlantedBugs.FaultChunkCounted);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, plantedBug);
        Prepare(world, Length, mappedPages: 1);
        ulong sent = ulong.MaxValue, received = ulong.MaxValue, replied = ulong.MaxValue, moved = 0;
        var sender = world.Spawn("sender", async ctx =>
        {
            ulong timeouts = User.Sim.Timeout.Word(User.Sim.Timeout.Never, User.Sim.Timeout.Never, User.Sim.Timeout.Ticks(4),
                User.Sim.Timeout.Never);
            sent = (await Send(ctx, Length, timeouts)).Result;
        });
        GivePager(world, sender);
        world.Spawn("receiver", async ctx =>
        {
            StringBuffers.Set(ctx.Utcb, (Target, Length));
            received = (await Ipc.Wait(ctx, KernelWorld.Endpoint)).Result;
            moved = StringBuffers.Transferred(ctx.Utcb);
        });
        world.Spawn("pager", async ctx =>
        {
            IpcResult fault = await Ipc.Wait(ctx, PagerEndpoint, User.Sim.Timeout.Ticks(30));
            if (fault.Result != Ok)
            {
                Specification.Assert(fault.Result == (IpcRecvTimeout | ReceivePhase), $"pager Wait {fault.Result:x}");
                return;
            }
            Specification.Assert(fault.Label == PageFaultLabel && fault.Words[0] == Source + 4096, "not the expected fault");
            Specification.Assert((await Ipc.Sleep(ctx, User.Sim.Timeout.Ticks(2))).Result == Ok, "pager sleep");
            Resolve(world, fault.Words[0], Length);
            replied = (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result;
        }, priority: 6);
        world.RunToEnd();
        Specification.Assert(replied != Ok || sent == Ok,
            $"nested IPC not withdrawn: the pager's reply was accepted after the outer IPC ended with {sent:x}");
        bool passed = sent == Ok && received == Ok && replied == Ok && moved == Length;
        bool timedOut = sent == IpcSendPfTimeout && received == (IpcSendPfTimeout | ReceivePhase)
            && replied is IpcNoPartner or ulong.MaxValue;
        Specification.Assert(passed || timedOut, $"sender {sent:x}, receiver {received:x}, pager reply {replied:x}, {moved} bytes");
        AssertMoved(world, moved, Length);
        return Task.CompletedTask;
    }
}
