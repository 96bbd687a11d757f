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
/// A three-chunk string transfer while a third thread deletes the receiver once, at any point (ThreadControl). The
/// sender ends with OK when the message was delivered before the deletion, with ErrPartnerKilled when the receiver
/// died in the transfer, or with ErrSendTimeout when it never found a receiver; never blocked for good.
/// </summary>
public static class KillDuringTransfer
{
    private const int Length = 2 * 4096 + 1500;   // three chunks

    public static Task Run(ControlledRuntime runtime)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime);
        Prepare(world, Length, mappedPages: 3);
        ulong sent = ulong.MaxValue, moved = ulong.MaxValue, deleted = ulong.MaxValue, stateAtDelete = ulong.MaxValue;
        bool receiverDone = false;
        world.Spawn("sender", async ctx =>
        {
            ulong timeouts = User.Sim.Timeout.Word(User.Sim.Timeout.Ticks(30), User.Sim.Timeout.Never);
            sent = (await Send(ctx, Length, timeouts)).Result;
            moved = StringBuffers.Transferred(ctx.Utcb);
        });
        var receiver = world.Spawn("receiver", async ctx =>
        {
            StringBuffers.Set(ctx.Utcb, (Target, Length));
            ulong received = (await Ipc.Wait(ctx, KernelWorld.Endpoint)).Result;
            Specification.Assert(received == Ok, $"receiver {received:x}");
            receiverDone = true;
        });
        world.Spawn("killer", async ctx =>
        {
            stateAtDelete = world.Kernel.Ipc.state[world.Kernel.IdOf(receiver)];
            deleted = await ThreadControl.DeleteThread(ctx, world.SlotOf(receiver));
        });
        world.RunToEnd();
        bool inTransfer = stateAtDelete == IpcStates.XferRecv;
        Specification.Assert(deleted is Ok or (IpcWrongState),
            $"delete returned {deleted:x}");
        if (inTransfer)
        {
            Specification.Assert(sent == IpcPartnerKilled && moved < Length,
                $"receiver deleted in the transfer: sender {sent:x}, {moved} bytes");
        }
        else if (sent == Ok)
        {
            Specification.Assert(moved == Length, $"delivered with {moved} bytes");
        }
        else
        {
            Specification.Assert(sent == IpcSendTimeout && !receiverDone, $"sender {sent:x}, receiver done {receiverDone}");
        }
        if (sent != IpcSendTimeout)
        {
            AssertMoved(world, moved, Length);
        }
        return Task.CompletedTask;
    }

    private const ulong IpcWrongState = 2;
}
