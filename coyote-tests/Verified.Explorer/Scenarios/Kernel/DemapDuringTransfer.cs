using System;
using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;
using M = Verified.User.Sim.Memory;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// Demap of a page that a long IPC is copying from: sigma0 (task 0) fills two of its pages, maps them into a client
/// task and takes them back with Unmap at any later point, while the client sends them as one string to a receiver
/// in sigma0's task. With no pager, a copy that meets a page already taken back ends with ErrNestedPf on both sides;
/// otherwise the message arrives whole. Either way the receiver holds exactly the bytes reported moved.
/// </summary>
public static class DemapDuringTransfer
{
    private const int Length = 2 * 4096;
    private const ulong SourcePage = 20;     // sigma0's own pages (frames 20, 21)
    private const ulong ClientPage = 100;
    private const ulong TargetPage = 30;     // the receiver's buffer: sigma0's pages 30, 31
    private const uint HandoverSlot = 3;     // a second endpoint for the mapping

    public static Task Run(ControlledRuntime runtime)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, tasks: 2, sigma0Frames: 32);
        world.BootEndpoint(2, HandoverSlot);
        int client = world.CreateClientTask(KernelWorld.Endpoint, HandoverSlot);
        ulong sent = ulong.MaxValue, received = ulong.MaxValue, moved = ulong.MaxValue, unmapped = ulong.MaxValue;
        world.Kernel.Spawn("client", client, 5, async ctx =>
        {
            M.Accept(ctx, M.Flexpage(M.Page(ClientPage), 1, M.RightsRW));
            ulong mapped = (await Ipc.Wait(ctx, HandoverSlot)).Result;
            Specification.Assert(mapped == Ok, $"map handover {mapped:x}");
            sent = (await Answered.Watch("client",
                () => Ipc.Send(ctx, KernelWorld.Endpoint, new MessageFrame(1).PutString(M.Page(ClientPage), Length)))).Result;
        });
        world.Spawn("receiver", async ctx =>
        {
            StringBuffers.Set(ctx.Utcb, (M.Page(TargetPage), Length));
            received = (await Ipc.Wait(ctx, KernelWorld.Endpoint)).Result;
            moved = StringBuffers.Transferred(ctx.Utcb);
        });
        world.Spawn("sigma0", async ctx =>
        {
            for (int i = 0; i < Length; i += 512)
            {
                await ctx.WriteByte(M.Page(SourcePage) + (ulong)i, Pattern(i));
            }
            ulong fpage = M.Flexpage(M.Page(SourcePage), 1, M.RightsRW);
            ulong handed = (await ItemMessage.Send(ctx, HandoverSlot, 0, Array.Empty<ulong>(), [M.Map(fpage)])).Result;
            Specification.Assert(handed == Ok, $"map send {handed:x}");
            // Works a while (each call a scheduling point) so that the demap may come before, during or after the copy.
            for (int i = 0; i < 20; i++)
            {
                Specification.Assert(await Threads.Null(ctx) == Ok, "null syscall");
            }
            unmapped = await M.Unmap(ctx, fpage);
        });
        world.RunToEnd();
        Specification.Assert(unmapped == Ok, $"unmap {unmapped:x}");
        bool whole = sent == Ok && received == Ok && moved == Length;
        bool cut = sent == IpcNestedPf && received == (IpcNestedPf | ReceivePhase) && moved < Length;
        Specification.Assert(whole || cut, $"client {sent:x}, receiver {received:x}, {moved} bytes");
        for (int i = 0; i < (int)moved; i += 512)
        {
            int got = world.Read(M.Page(TargetPage) + (ulong)i);
            Specification.Assert(got == Pattern(i), $"buffer byte {i} is {got}");
        }
        return Task.CompletedTask;
    }

    private static byte Pattern(int i) => (byte)(1 + i / 512);
}
