// CapCopyTo (syscall 16): a loader's copy into a task it holds a capability to (RightGrant) works in the other task as
// a CapCopy there would (the bad arguments are the shared scenario user/Scenarios/CapabilitySpace/CopyToArgumentScenario.cs;
// this one needs a thread running in a second task, which the harness makes).
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Capabilities
{
    public sealed class CapCopyToTests
    {
        private const ulong CapCopyTo = 16;
        private const uint ChildTask = 20;
        private const uint ChildSlot = 3;

        private static async System.Threading.Tasks.Task<ulong> CopyTo(SimUserContext ctx, uint source, uint taskSlot,
            uint destination, ulong mask, ulong badge = 0)
        {
            ctx.Registers.R10 = badge;
            ctx.Registers.R8 = taskSlot;
            await ctx.Syscall(CapCopyTo, source, destination, mask);
            return ctx.Registers.Rax;
        }

        [Fact]
        public void ACopiedEndpointWorksInTheOtherTaskWithTheMaskedRightsAndTheMintedBadge()
        {
            var world = new World(521);
            int child = world.Kernel.CreateTask();
            Assert.Equal(0ul, world.Kernel.Core.BootTaskCapability((uint)child, (uint)world.Task, ChildTask));
            ulong copied = 1, sent = 1;
            IpcResult? received = null;
            world.Spawn("loader", async ctx =>
            {
                copied = await CopyTo(ctx, World.Endpoint, ChildTask, ChildSlot, Verified.User.Sim.Capabilities.RightWrite, 0x51);
                received = await Ipc.Wait(ctx, World.Endpoint);
            }, priority: 9);
            // Lower than the loader: it runs once the loader waits, with the copy made.
            world.Kernel.Spawn("child", child, 4, async ctx =>
            {
                sent = (await Ipc.Send(ctx, ChildSlot, 1, new ulong[] { 7 })).Result;
            });
            world.RunToEnd();
            Assert.Equal(Ok, copied);
            Assert.Equal(Ok, sent);
            Assert.Equal(0x51ul, received!.Badge);
        }
    }
}
