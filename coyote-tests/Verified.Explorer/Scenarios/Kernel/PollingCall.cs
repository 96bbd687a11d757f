using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// A polling Call (send timeout zero: only if the server already waits; no limit on the wait for the reply) against
/// a server that Waits with a timeout and replies. Two outcomes: the server was waiting, took the message and the
/// client got the reply; or it was not, the send timed out at once and the server's wait times out.
/// </summary>
public static class PollingCall
{
    private const ulong Label = 0x9011;
    private const ulong Word = 0x42;

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the kernel whose Call passes the two timeouts to the IPC core in the wrong order.</summary>
    public static Task SwappedTimeouts(ControlledRuntime runtime) => Run(runtime, PlantedBugs.CallTimeoutsSwapped);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, plantedBug);
        ulong called = ulong.MaxValue, served = ulong.MaxValue;
        ulong[] reply = [];
        world.Spawn("client", async ctx =>
        {
            IpcResult result = await Answered.Watch("client", () => Ipc.Call(ctx, KernelWorld.Endpoint, Label, [Word], sendTimeout: User.Sim.Timeout.Zero));
            called = result.Result;
            reply = result.Words;
        });
        world.Spawn("server", async ctx =>
        {
            IpcResult request = await Ipc.Wait(ctx, KernelWorld.Endpoint, User.Sim.Timeout.Ticks(10));
            served = request.Result;
            if (served == Ok)
            {
                Specification.Assert(request.Words is [Word], "server received a message that is not the client's");
                ulong replied = (await Ipc.Reply(ctx, 0, [Word + 1])).Result;
                // The client's wait for the reply has no limit: once its message is taken, it waits for this.
                Specification.Assert(replied == Ok, $"server Reply returned {replied:x}: the client no longer waits for it");
            }
        });
        world.RunToEnd();
        bool answered = called == Ok && served == Ok && reply is [Word + 1];
        bool polledInVain = called == IpcSendTimeout && served == (IpcRecvTimeout | ReceivePhase);
        Specification.Assert(answered || polledInVain, $"polling client ended with {called:x}, server with {served:x}");
        return Task.CompletedTask;
    }
}
