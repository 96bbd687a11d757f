// Bad arguments end in the documented result word and change neither core: slots out of range or empty, objects
// of the wrong type, missing rights, malformed timeouts, tags and specifiers, unknown syscall numbers.
using System;
using System.Threading.Tasks;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class InvalidArgumentTests
    {
        private const ulong Never2 = 0xFFFF_FFFF_FFFF_FFFF;

        [Fact]
        public void EachBadArgumentReturnsItsErrorAndChangesNothing()
        {
            var world = new World(31);
            Assert.Equal(0ul, world.Kernel.Core.BootMint((uint)world.Task, World.Endpoint, 4, 1, 0)); // read-only copy
            int checks = 0;
            world.Spawn("prober", async ctx =>
            {
                async Task Expect(ulong expected, Func<Task<ulong>> call)
                {
                    ulong[] before = CoreSnapshot.Take(world.Kernel.Core);
                    ulong result = await call();
                    Assert.Equal(expected, result);
                    Assert.Equal(before, CoreSnapshot.Take(world.Kernel.Core));
                    checks++;
                }
                async Task<ulong> Raw(ulong send, ulong receive, ulong timeouts, ulong tag) =>
                    (await Ipc.Invoke(ctx, send, receive, timeouts, tag, Array.Empty<ulong>())).Result;

                // Slots: out of range, empty, wrong type, missing rights.
                await Expect(CapsInvalidSlot, () => Notifications.Notify(ctx, World.OutOfRangeSlot, 1));
                await Expect(CapsEmptySlot, () => Notifications.Notify(ctx, World.EmptySlot, 1));
                await Expect(IpcWrongObject, () => Notifications.Notify(ctx, World.Endpoint, 1));
                await Expect(IpcWrongObject, async () => (await Notifications.Wait(ctx, World.Endpoint)).Result);
                await Expect(IpcWrongObject, async () => (await Ipc.Call(ctx, World.Notification, 1, new ulong[] { 1 })).Result);
                await Expect(IpcWrongObject | ReceivePhase, async () => (await Ipc.Wait(ctx, World.Notification)).Result);
                await Expect(CapsInvalidArgument, async () => (await Ipc.Send(ctx, World.TaskSlot, 1, new ulong[] { 1 })).Result);
                await Expect(CapsInvalidArgument, async () => (await Ipc.Send(ctx, 4, 1, new ulong[] { 1 })).Result);
                await Expect(CapsInvalidSlot, async () => (await Ipc.Wait(ctx, World.OutOfRangeSlot)).Result);
                await Expect(CapsEmptySlot, async () => (await Threads.Cancel(ctx, World.EmptySlot)).Result);
                await Expect(CapsInvalidArgument, async () => (await Threads.Cancel(ctx, World.Endpoint)).Result);

                // Timeouts: bit 15 set but not 0xFFFF, exponent above 22, in any of the four fields.
                await Expect(IpcInvalidArgument, () => Raw(World.Endpoint, Ipc.Nil, 0x8001, 0));
                await Expect(IpcInvalidArgument, () => Raw(Ipc.Nil, World.Endpoint, 0x7C00UL << 16, 0));
                await Expect(IpcInvalidArgument, () => Raw(Ipc.Nil, Ipc.Nil, 0xFFFE_0000_0000_0000, 0));
                await Expect(IpcInvalidArgument, async () => (await Notifications.WaitRaw(ctx, World.Notification, 0x8000_0000)).Result);
                await Expect(IpcInvalidArgument, async () => (await Notifications.WaitRaw(ctx, World.Notification, 1)).Result);

                // Tags and specifiers: a typed item of no kind, more words than MR1..MR63, reserved bits.
                await Expect(IpcInvalidArgument, async () =>
                    (await Ipc.Invoke(ctx, World.Endpoint, Ipc.Nil, Never2, 1 << 6, new ulong[] { 0, 0 })).Result);
                await Expect(IpcInvalidArgument, () => Raw(World.Endpoint, Ipc.Nil, Never2, (2 << 6) | 60));
                await Expect(IpcInvalidArgument, () => Raw(World.Endpoint, Ipc.Nil, Never2, 1 << 12));
                await Expect(IpcInvalidArgument, () => Raw(World.Endpoint | (1UL << 40), Ipc.Nil, Never2, 0));
                await Expect(IpcInvalidArgument, () => Raw(Ipc.Nil, World.Endpoint | (1UL << 33), Never2, 0));

                // Create: unknown type, occupied destination, no task capability.
                await Expect(IpcInvalidArgument, () => Threads.Create(ctx, 9, World.EmptySlot, 0, World.TaskSlot));
                await Expect(CapsSlotOccupied, () => Threads.Create(ctx, Threads.TypeEndpoint, World.Endpoint, 0, World.TaskSlot));
                await Expect(CapsInvalidArgument, () => Threads.Create(ctx, Threads.TypeEndpoint, World.EmptySlot, 0, World.Endpoint));

                // Unknown numbers.
                await Expect(UnknownSyscall, async () => { await ctx.Syscall(99); return ctx.Registers.Rax; });
            });
            world.RunToEnd();
            Assert.Equal(25, checks);
        }
    }
}
