// The seeds' mutual exclusion through an IPC synchronisation thread (Fiasco lecture "Example: Mutual Exclusion
// with IPC"): a worker Calls the lock server to enter and is answered only when the critical section is free; it
// Calls again (on the release endpoint) after leaving. Workers that find the lock taken stay blocked in the send
// queue of the acquire endpoint, because the server waits only on the release endpoint until then. (The release is
// an open wait, not a closed receive from the holder: the IPC core's closed receive meets a thread only if it is
// already blocked sending when the receive starts, or by its Reply; a Send that comes later looks at the endpoint's
// open receivers only.)
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Synchronisation
{
    internal static class LockServer
    {
        public const uint Acquire = World.Endpoint;
        public const uint Release = World.SecondEndpoint;

        /// <summary>Serves acquire/release pairs until nobody has asked for the lock for <paramref name="idle"/> ticks;
        /// returns the number of grants through <paramref name="grants"/>.</summary>
        public static SimThread Spawn(World world, int[] grants, byte priority = 5, ulong idle = 300) =>
            world.Spawn("lock", async ctx =>
            {
                IpcResult request = await Ipc.Wait(ctx, Acquire, Timeout.Ticks(idle));
                while (request.Result == Ok)
                {
                    uint holder = (uint)request.Words[0];
                    Assert.Equal(Ok, (await Ipc.Reply(ctx, 1, System.Array.Empty<ulong>())).Result);
                    grants[0]++;
                    IpcResult release = await Ipc.Wait(ctx, Release);
                    Assert.Equal(Ok, release.Result);
                    Assert.Equal(2UL, release.Label);
                    Assert.Equal(holder, release.Words[0]);       // only the holder releases
                    request = await Ipc.ReplyWait(ctx, Acquire, 2, System.Array.Empty<ulong>(), Timeout.Ticks(idle));
                }
                Assert.Equal(IpcRecvTimeout | ReceivePhase, request.Result);
            }, priority);

        public static async Task Enter(SimUserContext ctx, uint self) =>
            Assert.Equal(Ok, (await Ipc.Call(ctx, Acquire, 1, new ulong[] { self })).Result);

        public static async Task Leave(SimUserContext ctx, uint self) =>
            Assert.Equal(Ok, (await Ipc.Call(ctx, Release, 2, new ulong[] { self })).Result);
    }
}
