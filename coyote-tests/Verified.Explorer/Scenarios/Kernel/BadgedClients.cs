using System.Threading.Tasks;
using Verified.Coyote.Runtime;
using Verified.Coyote.Specifications;
using Verified.Explorer.Kernel;
using Verified.User.Sim;
using static Verified.Explorer.Kernel.ResultWords;

namespace Verified.Explorer.Scenarios.Kernel;

/// <summary>
/// Two clients Call one server through endpoint capabilities minted with different badges, each sending its badge
/// as the message; the server tells them apart by the badge the kernel reports and echoes it in the reply. A server
/// identifies its clients only by badge, so the badge it receives must be the sender's capability's.
/// </summary>
public static class BadgedClients
{
    private const uint FirstBadgedSlot = 3;
    private static readonly ulong[] s_badges = [0xA1, 0xB2];

    public static Task Run(ControlledRuntime runtime) => Run(runtime, plantedBug: 0);

    /// <summary>The same on the kernel that reports the receiver's own badge row instead of the sender's.</summary>
    public static Task WrongBadge(ControlledRuntime runtime) => Run(runtime, PlantedBugs.BadgeOfReceiver);

    private static Task Run(ControlledRuntime runtime, int plantedBug)
    {
        runtime.RegisterMonitor(new EverySendAnswered());
        var world = new KernelWorld(runtime, plantedBug);
        for (int i = 0; i < s_badges.Length; i++)
        {
            ulong minted = world.Kernel.BootMint((uint)world.Task, KernelWorld.Endpoint, FirstBadgedSlot + (uint)i, 7,
                s_badges[i]);
            Specification.Assert(minted == Ok, $"boot mint: result {minted:x}");
        }
        for (int i = 0; i < s_badges.Length; i++)
        {
            string name = $"client-{i}";
            uint slot = FirstBadgedSlot + (uint)i;
            ulong badge = s_badges[i];
            world.Spawn(name, async ctx =>
            {
                IpcResult reply = await Answered.Watch(name, () => Ipc.Call(ctx, slot, 1, [badge]));
                Specification.Assert(reply.Result == Ok && reply.Words is [var echoed] && echoed == badge,
                    $"{name} got result {reply.Result:x} with {Hex(reply.Words)}");
            });
        }
        world.Spawn("server", async ctx =>
        {
            for (int i = 0; i < s_badges.Length; i++)
            {
                IpcResult request = await Ipc.Wait(ctx, KernelWorld.Endpoint);
                Specification.Assert(request.Result == Ok, $"server Wait returned {request.Result:x}");
                Specification.Assert(request.Words is [var sent] && sent == request.Badge,
                    $"server got badge {request.Badge:x} with a message from client {Hex(request.Words)}");
                ulong replied = (await Ipc.Reply(ctx, 2, [request.Badge])).Result;
                Specification.Assert(replied == Ok, $"server Reply returned {replied:x}");
            }
        });
        world.RunToEnd();
        return Task.CompletedTask;
    }

    private static string Hex(ulong[] words) => string.Join(",", System.Array.ConvertAll(words, w => w.ToString("x")));
}
