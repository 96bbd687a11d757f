using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// A client Calls (with a receive timeout) and a sender Sends to the same server, which takes both messages in
/// whatever order they come and then replies once. The reply goes to the caller of the last message received: it
/// is accepted only if that message was a Call; after a Send nobody waits for it, and the earlier caller's reply
/// right is gone (the client then times out, or sees the server end).
/// </summary>
public static class ReplyAfterSend
{
    private const ulong CallLabel = 0xCA;
    private const ulong SendLabel = 0x5E;

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the kernel that keeps the previous caller as reply target when a Send is received.</summary>
    public static Task KeptTarget(ControlledRuntime runtime) => Run(runtime, PlantedBugs.ReplyTargetKept);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, plantedBug);
        world.Spawn("client", async ctx =>
        {
            IpcResult reply = await Answered.Watch("client",
                () => Ipc.Call(ctx, KernelWorld.Endpoint, CallLabel, [1], receiveTimeout: User.Sim.Timeout.Ticks(12)));
            // Without the reply it times out, or sees the server end first.
            Specification.Assert(reply.Result is Ok or (IpcRecvTimeout | ReceivePhase) or (IpcPartnerKilled | ReceivePhase),
                $"client ended with {reply.Result:x}");
        });
        world.Spawn("sender", async ctx =>
        {
            ulong sent = (await Answered.Watch("sender", () => Ipc.Send(ctx, KernelWorld.Endpoint, SendLabel, [2]))).Result;
            Specification.Assert(sent == Ok, $"sender ended with {sent:x}");
        });
        world.Spawn("server", async ctx =>
        {
            IpcResult first = await Ipc.Wait(ctx, KernelWorld.Endpoint);
            IpcResult last = await Ipc.Wait(ctx, KernelWorld.Endpoint);
            Specification.Assert(first.Result == Ok && last.Result == Ok, $"server Waits returned {first.Result:x}, {last.Result:x}");
            Specification.Assert(last.ReplyExpected == (last.Label == CallLabel), $"reply bit {last.ReplyExpected} on label {last.Label:x}");
            ulong replied = (await Ipc.Reply(ctx, 3, [3])).Result;
            Specification.Assert(replied != Ok || last.ReplyExpected,
                $"reply accepted after a Send (label {last.Label:x}), to the caller of an earlier message");
        });
        world.RunToEnd();
        return Task.CompletedTask;
    }
}
