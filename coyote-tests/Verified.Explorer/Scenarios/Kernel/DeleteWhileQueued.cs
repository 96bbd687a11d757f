using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// Revoke and delete of an endpoint's capabilities while threads are queued on it: two clients Call through badged
/// copies, a server answers one request, and a third thread deletes the original capability once, at any point,
/// which revokes the copies first and, as the last capability, destroys the endpoint. Every Call ends: answered (only
/// by the server that received it), ErrNoPartner (queued or waiting for the reply when the endpoint died: the server
/// answers into the void) or an empty slot (its capability was already gone).
/// </summary>
public static class DeleteWhileQueued
{
    private const uint ClientA = 4;
    private const uint ClientB = 5;
    private const ulong CapsEmptySlot = 0x1_0003;

    public static Task Run(ControlledRuntime runtime)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime);
        world.BootMint(KernelWorld.Endpoint, ClientA, 0xA1);
        world.BootMint(KernelWorld.Endpoint, ClientB, 0xB2);
        ulong a = ulong.MaxValue, b = ulong.MaxValue, served = ulong.MaxValue, deleted = ulong.MaxValue;
        ulong answeredBadge = 0;
        world.Spawn("client-a", async ctx =>
            a = (await Answered.Watch("a", () => Ipc.Call(ctx, ClientA, 1, new ulong[] { 0xA1 }))).Result);
        world.Spawn("client-b", async ctx =>
            b = (await Answered.Watch("b", () => Ipc.Call(ctx, ClientB, 1, new ulong[] { 0xB2 }))).Result);
        world.Spawn("server", async ctx =>
        {
            IpcResult request = await Ipc.Wait(ctx, KernelWorld.Endpoint, User.Sim.Timeout.Ticks(20));
            served = request.Result;
            if (served == Ok)
            {
                Specification.Assert(request.Badge == request.Words[0], $"badge {request.Badge:x} with message {request.Words[0]:x}");
                answeredBadge = request.Badge;
                ulong replied = (await Ipc.Reply(ctx, 0, new ulong[] { request.Badge })).Result;
                Specification.Assert(replied is Ok or IpcNoPartner, $"reply {replied:x}");
            }
        });
        world.Spawn("deleter", async ctx => deleted = await Capabilities.Delete(ctx, KernelWorld.Endpoint));
        world.RunToEnd();
        Specification.Assert(deleted == Ok, $"delete {deleted:x}");
        Specification.Assert(served is Ok or (IpcRecvTimeout | ReceivePhase) or (IpcNoPartner | ReceivePhase) or CapsEmptySlot,
            $"server {served:x}");
        foreach ((ulong result, ulong badge) in new[] { (a, 0xA1UL), (b, 0xB2UL) })
        {
            Specification.Assert(result is Ok or IpcNoPartner or (IpcNoPartner | ReceivePhase) or CapsEmptySlot,
                $"client {badge:x} ended with {result:x}");
            Specification.Assert(result != Ok || answeredBadge == badge, $"client {badge:x} answered, the server served {answeredBadge:x}");
        }
        return Task.CompletedTask;
    }
}
