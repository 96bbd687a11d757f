// Create of type 5 (task): a capability space of the capability core's one size and a fresh address space on the
// machine. A thread created in the new task runs in that address space with an empty capability space; a task id
// comes back to Create only when nothing uses it any more (no capability, no thread, no capability in its space).
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Capabilities
{
    // The folder's namespace hides the user library's class of the same name.
    using Capabilities = Verified.User.Sim.Capabilities;

    public sealed class TaskCreateTests
    {
        // SimKernel's default capability-space size; World's task is task 0 of SimKernel's four.
        private const ulong SpaceSize = 32;
        private const uint NewTask = 20;
        private const uint NewThread = 21;
        private const uint ReducedTask = 22;

        private static Task<ulong> CreateTask(SimUserContext ctx, uint slot, ulong size = SpaceSize, uint payer = World.TaskSlot) =>
            Threads.Create(ctx, Threads.TypeTask, slot, size, payer);

        [Theory]
        [InlineData(541UL)]
        [InlineData(542UL)]
        public void AThreadOfANewTaskRunsInItsOwnSpaces(ulong seed)
        {
            var world = new World(seed);
            ulong task = 1, thread = 1, childWait = 1, childNull = 1;
            SimAddressSpace? childSpace = null;
            world.Spawn("parent", async ctx =>
            {
                task = await CreateTask(ctx, NewTask);
                world.Kernel.Prepare("child", 1, async child =>
                {
                    childSpace = child.Thread.Space;
                    // Slot 1 is the parent's endpoint; the child's capability space is its own and empty.
                    childWait = (await Ipc.Wait(child, World.Endpoint, Timeout.Zero)).Result;
                    childNull = await Threads.Null(child);
                });
                thread = await Threads.Create(ctx, Threads.TypeThread, NewThread, NewTask, World.TaskSlot);
            });
            world.RunToEnd();
            Assert.Equal(Ok, task);
            Assert.Equal(Ok, thread);
            Assert.Equal(CapsEmptySlot, childWait);
            Assert.Equal(Ok, childNull);
            Assert.NotNull(childSpace);
            Assert.Same(world.Kernel.SpaceOf(1), childSpace);
            Assert.NotSame(world.Kernel.SpaceOf(0), childSpace);
            Assert.True(world.Kernel.Core.IsTaskLive(1));
        }

        [Fact]
        public void BadSizesAndPayersFailAndNoTaskIsMade()
        {
            var world = new World(543);
            var results = new ulong[6];
            world.Spawn("parent", async ctx =>
            {
                results[0] = await CreateTask(ctx, NewTask, 0);
                results[1] = await CreateTask(ctx, NewTask, SpaceSize - 1);
                results[2] = await CreateTask(ctx, NewTask, SpaceSize + 1);
                Assert.Equal(Ok, await Capabilities.Copy(ctx, World.TaskSlot, ReducedTask,
                    Capabilities.RightRead | Capabilities.RightWrite));
                results[3] = await CreateTask(ctx, NewTask, SpaceSize, ReducedTask);   // no RightGrant
                results[4] = await CreateTask(ctx, NewTask, SpaceSize, World.Endpoint);
                results[5] = await CreateTask(ctx, World.Endpoint);                     // destination occupied
            });
            world.RunToEnd();
            Assert.Equal(new ulong[]
            {
                IpcInvalidArgument, IpcInvalidArgument, IpcInvalidArgument, CapsInvalidArgument, CapsInvalidArgument,
                CapsSlotOccupied,
            }, results);
            Assert.False(world.Kernel.Core.IsTaskLive(1));
            Assert.Null(world.Kernel.SpaceOf(1));
        }

        [Fact]
        public void DeletingATasksLastCapabilityDestroysItAndFreesItsId()
        {
            var world = new World(544);
            var results = new ulong[8];
            SimAddressSpace? firstOne = null;
            bool residentWoke = false;
            world.Spawn("parent", async ctx =>
            {
                results[0] = await CreateTask(ctx, 20);                 // task 1
                results[1] = await CreateTask(ctx, 21);                 // task 2
                firstOne = world.Kernel.SpaceOf(1);
                // A thread of task 1: it dies with its task.
                world.Kernel.Prepare("resident", 1, async child =>
                {
                    await Ipc.Sleep(child, Timeout.Ticks(400));
                    residentWoke = true;
                });
                results[2] = await Threads.Create(ctx, Threads.TypeThread, 24, 20, World.TaskSlot);
                results[3] = await CreateTask(ctx, 22);                 // task 3, the last one
                results[4] = await CreateTask(ctx, 23);
                results[5] = await Capabilities.Delete(ctx, 20);        // task 1 and its thread go
                results[6] = await Capabilities.Delete(ctx, 21);
                results[7] = await CreateTask(ctx, 23);                 // the lowest free id again: task 1
            });
            world.RunToEnd();
            Assert.Equal(new ulong[] { Ok, Ok, Ok, Ok, CapsLimit, Ok, Ok, Ok }, results);
            Assert.False(residentWoke);
            Assert.True(world.Kernel.Core.IsTaskLive(1));
            Assert.False(world.Kernel.Core.IsTaskLive(2));
            // The id's address space is its mapping window's, handed back emptied (Create runs FlushTask first).
            Assert.Same(firstOne, world.Kernel.SpaceOf(1));
            Assert.Equal(0u, world.Kernel.Core.FlushTask(1));
        }
    }
}
