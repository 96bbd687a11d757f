// A task is destroyed with its last capability: its threads die (their IPC partners get ErrPartnerKilled), its
// capabilities go (an endpoint only it named is destroyed, so threads queued there get ErrNoPartner), and its window
// is emptied (mappings derived from it go too).
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.Capabilities
{
    using Capabilities = Verified.User.Sim.Capabilities;

    public sealed class TaskDeletionTests
    {
        private const uint DoomedTask = 20;
        private const uint DoomedEndpoint = 3;   // in the doomed task: its own endpoint (IPC object 3)

        [Fact]
        public void DeletingTheLastTaskCapabilityTearsTheTaskDown()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new World(seed);
                int doomed = world.Kernel.CreateTask();
                var core = world.Kernel.Core;
                // Task 0 holds the only capability to the doomed task; the doomed task shares World's endpoint and has
                // one of its own, which a thread of task 0 waits on through a copy.
                Assert.Equal(0ul, core.BootTaskCapability((uint)doomed, (uint)world.Task, DoomedTask));
                Assert.Equal(0u, core.Caps.Transfer((uint)world.Task, World.Endpoint, (uint)doomed, World.Endpoint,
                    CapsTypes.__default.TransferCopy));
                Assert.Equal(0ul, core.BootEndpoint(3, (uint)doomed, DoomedEndpoint));
                Assert.Equal(0u, core.Caps.Transfer((uint)doomed, DoomedEndpoint, (uint)world.Task, 6,
                    CapsTypes.__default.TransferCopy));
                // Sigma0 (task 0) maps one of its pages into the doomed task: the mapping goes with the task.
                ulong call = 1, waited = 1, deleted = 1, mapped = 1;
                bool callerReturned = false;
                world.Kernel.Spawn("caller", doomed, 5, async ctx =>
                {
                    M.Accept(ctx, M.Flexpage(M.Page(700), 0, M.RightsRW));
                    mapped = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                    call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 7 })).Result;
                    callerReturned = true;
                });
                SimThread waiter = world.Spawn("waiter", async ctx => waited = (await Ipc.Wait(ctx, 6)).Result);
                ulong served = 1, replied = 1;
                world.Spawn("server", async ctx =>
                {
                    Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 0, System.Array.Empty<ulong>(),
                        new[] { M.Map(M.Flexpage(M.Page(5), 0, M.RightsRW)) })).Result);
                    served = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                    // The caller waits for this reply and the waiter waits on the doomed task's endpoint: delete the task.
                    await Scenario.SleepUntil(ctx, () => Scenario.IsIn(world, waiter, StateRecvBlocked));
                    deleted = await Capabilities.Delete(ctx, DoomedTask);
                    replied = (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result;
                }, priority: 6);
                world.RunToEnd();
                Assert.Equal(Ok, mapped);
                Assert.Equal(Ok, served);
                Assert.Equal(Ok, deleted);
                Assert.False(callerReturned);
                Assert.Equal(NoPartner, replied);                 // the caller died with its task
                Assert.Equal(NoPartner | ReceivePhase, waited);   // the doomed task's endpoint was destroyed
                Assert.False(core.IsTaskLive((uint)doomed));
                core.Mapping.Lookup((uint)doomed, 700, out uint err, out _, out _);
                Assert.NotEqual(0u, err);                         // the window is empty
                Assert.Equal(0u, core.FlushTask((uint)doomed));
            });
        }
    }
}
