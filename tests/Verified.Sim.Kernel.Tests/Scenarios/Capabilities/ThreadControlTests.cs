// ThreadControl (syscall 12) on a thread capability with RightWrite: pager (bit 1) and exception handler (bit 2)
// are endpoints with RightWrite, or none (slot 0xFFFF_FFFF); bit 0 (priority) and bits above 3 are refused. Every
// word is checked before any bit applies, so a call with one bad part changes nothing.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Capabilities
{
    // The folder's namespace hides the user library's class of the same name.
    using Capabilities = Verified.User.Sim.Capabilities;

    public sealed class ThreadControlTests
    {
        private const uint ReadOnlyEndpoint = 20;
        private const uint ReadOnlyThread = 21;

        [Fact]
        public void PagerAndExceptionHandlerAreSetAndRemoved()
        {
            var world = new World(551);
            SimThread target = null!;
            ulong set = 1, remove = 1;
            bool pagerAfterSet = false, handlerAfterSet = false, pagerAfterRemove = true, handlerAfterRemove = false;
            world.Spawn("controller", async ctx =>
            {
                uint id = world.Kernel.IdOf(target);
                set = await ThreadControl.Invoke(ctx, world.SlotOf(target),
                    ThreadControl.SetPager | ThreadControl.SetExceptionHandler, 0, World.BadgedEndpoint, World.SecondEndpoint);
                pagerAfterSet = world.Kernel.Core.HasPager(id);
                handlerAfterSet = world.Kernel.Core.HasExceptionHandler(id);
                remove = await ThreadControl.Pager(ctx, world.SlotOf(target), ThreadControl.NoHandler);
                pagerAfterRemove = world.Kernel.Core.HasPager(id);
                handlerAfterRemove = world.Kernel.Core.HasExceptionHandler(id);
            }, priority: 9);
            target = world.Spawn("target", async ctx => await Threads.Null(ctx), priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, set);
            Assert.True(pagerAfterSet);
            Assert.True(handlerAfterSet);
            Assert.Equal(Ok, remove);
            Assert.False(pagerAfterRemove);
            Assert.True(handlerAfterRemove);
        }

        [Fact]
        public void EveryBadWordFailsAndNothingIsApplied()
        {
            var world = new World(552);
            SimThread target = null!;
            var results = new ulong[10];
            bool anyHandler = true;
            bool targetAlive = false;
            world.Spawn("controller", async ctx =>
            {
                uint slot = world.SlotOf(target);
                const ulong Both = ThreadControl.SetPager | ThreadControl.SetExceptionHandler;
                Assert.Equal(Ok, await Capabilities.Copy(ctx, World.Endpoint, ReadOnlyEndpoint, Capabilities.RightRead));
                Assert.Equal(Ok, await Capabilities.Copy(ctx, slot, ReadOnlyThread, Capabilities.RightRead));
                results[0] = await ThreadControl.Invoke(ctx, slot, ThreadControl.SetPriority, 3);
                results[1] = await ThreadControl.Invoke(ctx, slot, ThreadControl.SetPriority | ThreadControl.SetPager, 3, World.Endpoint);
                results[2] = await ThreadControl.Invoke(ctx, slot, 16 | ThreadControl.Delete);
                results[3] = await ThreadControl.Invoke(ctx, slot, Both | ThreadControl.Delete, 0, World.Endpoint, World.Notification);
                results[4] = await ThreadControl.Invoke(ctx, slot, Both, 0, World.EmptySlot, World.Endpoint);
                results[5] = await ThreadControl.Invoke(ctx, slot, Both, 0, World.Endpoint, ReadOnlyEndpoint);
                results[6] = await ThreadControl.Invoke(ctx, ReadOnlyThread, Both, 0, World.Endpoint, World.Endpoint);
                results[7] = await ThreadControl.Invoke(ctx, World.Endpoint, Both, 0, World.Endpoint, World.Endpoint);
                results[8] = await ThreadControl.Invoke(ctx, World.OutOfRangeSlot, ThreadControl.Delete);
                results[9] = await ThreadControl.Invoke(ctx, slot, Both, 0, World.Endpoint, 1UL << 32);
                uint id = world.Kernel.IdOf(target);
                anyHandler = world.Kernel.Core.HasPager(id) || world.Kernel.Core.HasExceptionHandler(id);
                targetAlive = world.Kernel.Core.IsRunnable(id);
            }, priority: 9);
            target = world.Spawn("target", async ctx => await Threads.Null(ctx), priority: 4);
            world.RunToEnd();
            Assert.Equal(new ulong[]
            {
                IpcInvalidArgument, IpcInvalidArgument, IpcInvalidArgument, IpcWrongObject, CapsEmptySlot,
                CapsInvalidArgument, CapsInvalidArgument, CapsInvalidArgument, CapsInvalidSlot, IpcInvalidArgument,
            }, results);
            Assert.False(anyHandler);
            Assert.True(targetAlive);
        }

        [Fact]
        public void AThreadThatEndedCannotBeControlled()
        {
            var world = new World(553);
            SimThread gone = world.Spawn("gone", async ctx => await Threads.Null(ctx), priority: 9);
            ulong pager = 1, delete = 1;
            world.Spawn("controller", async ctx =>
            {
                pager = await ThreadControl.Pager(ctx, world.SlotOf(gone), World.Endpoint);
                delete = await ThreadControl.DeleteThread(ctx, world.SlotOf(gone));
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(WrongState, pager);
            Assert.Equal(WrongState, delete);
            Assert.False(world.Kernel.Core.HasPager(world.Kernel.IdOf(gone)));
        }

        [Fact]
        public void ADestroyedEndpointIsNoLongerAPager()
        {
            var world = new World(554);
            SimThread target = null!;
            ulong set = 1, delete = 1;
            bool before = false, after = true;
            world.Spawn("controller", async ctx =>
            {
                uint id = world.Kernel.IdOf(target);
                set = await ThreadControl.Pager(ctx, world.SlotOf(target), World.SecondEndpoint);
                before = world.Kernel.Core.HasPager(id);
                delete = await Capabilities.Delete(ctx, World.SecondEndpoint);   // its only capability
                after = world.Kernel.Core.HasPager(id);
            }, priority: 9);
            target = world.Spawn("target", async ctx => await Threads.Null(ctx), priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, set);
            Assert.True(before);
            Assert.Equal(Ok, delete);
            Assert.False(after);
        }
    }
}
