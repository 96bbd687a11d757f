// The X64 entry's way into the kernel (KernelCore.SyscallAsEntered: a Call's and a ReplyWait's form through entries
// of their own, then Finish) must do what KernelCore.Syscall does, also for a thread that cannot make a syscall now.
// The shared scenarios compare whole runs entered both ways; this covers the refusal, which no scenario reaches.
using Verified.Hal.Sim.Machine;
using Verified.Kernel.Core;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class EntryTests
    {
        private const ulong CallForm = 1UL << 32, ReplySpecifier = 0xFFFF_FFFE, Never = ulong.MaxValue;

        [Theory]
        [InlineData(CallForm, Never)]
        [InlineData(ReplySpecifier, 0xFFFF_FFFF_FFFF_0000)]
        public void ABlockedThreadsEntryChangesNothingEitherWay(ulong send, ulong timeouts)
        {
            var world = new World(311);
            SimThread target = world.Spawn("target", async ctx => await Ipc.Wait(ctx, World.Endpoint), priority: 9);
            byte asEntered = 0xFF, plain = 0xFF;
            ulong stateBefore = 0, stateAfter = 0, resultAfter = 0;
            world.Spawn("controller", async ctx =>
            {
                // The target waits on the endpoint; its saved registers are made to look like a fast Call or ReplyWait.
                KernelCore core = world.Kernel.Core;
                uint id = world.Kernel.IdOf(target);
                stateBefore = core.Ipc.state[id];
                target.Registers.Rax = 3;
                target.Registers.Rdi = send | World.Endpoint;
                target.Registers.Rsi = World.Endpoint;
                target.Registers.Rdx = timeouts;
                target.Registers.R10 = 0;
                asEntered = core.SyscallAsEntered(id);
                plain = core.Syscall(id);
                stateAfter = core.Ipc.state[id];
                resultAfter = target.Registers.Rax;
                await Threads.Cancel(ctx, world.SlotOf(target));
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(StateRecvBlocked, stateBefore);
            Assert.Equal(KernelCore.FastNotTaken, asEntered);
            Assert.Equal(KernelCore.FastNotTaken, plain);
            Assert.Equal(StateRecvBlocked, stateAfter);
            Assert.Equal(3UL, resultAfter);
        }
    }
}
