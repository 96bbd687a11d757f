// User threads as coroutines: they run only when scheduled, stop at every kernel entry, interleave exactly as the
// scheduler says, block and wake through the kernel, fault on their own memory accesses and resume after the fault
// is resolved, and reach preemption points inside a long kernel operation.
using System;
using System.Linq;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Tests
{
    public sealed class CoroutineThreadTests
    {
        [Fact]
        public void ThreadsInterleaveAtSyscallsExactlyAsScheduled()
        {
            SimEvent a = SimEvent.Thread(0), b = SimEvent.Thread(1);
            var scheduler = new ScriptedScheduler(new[] { a, b, b, a, b, a, a, b, a, b });
            var machine = new SimMachine(scheduler);
            var kernel = new TestKernel(machine);
            SimAddressSpace space = machine.CreateAddressSpace();
            machine.CreateThread("A", space, ctx => Print(ctx, "aaaa"));
            machine.CreateThread("B", space, ctx => Print(ctx, "BBBB"));
            Assert.Equal(SimStopReason.AllThreadsFinished, machine.Run(100));
            // Each step runs a thread up to its next putchar; the character is printed by the kernel in that step.
            Assert.Equal("aBBaBaa" + "B", kernel.Output.ToString());
            Assert.Equal(new[] { "finished 0", "finished 1" }, kernel.Log.ToArray());
            Assert.Equal(10, machine.Steps);
            Assert.Equal(5, machine.Thread(0).Steps);
        }

        [Fact]
        public void SyscallsFromNestedLibraryMethodsAreSchedulingPointsToo()
        {
            var machine = new SimMachine(new ScriptedScheduler(new[] { SimEvent.Thread(1), SimEvent.Thread(0) }));
            var kernel = new TestKernel(machine);
            SimAddressSpace space = machine.CreateAddressSpace();
            machine.CreateThread("outer", space, async ctx =>
            {
                await Print(ctx, "xy");
                await Print(ctx, "z");
            });
            machine.CreateThread("other", space, ctx => Print(ctx, "1"));
            machine.Run(100);
            Assert.Equal("1xyz", kernel.Output.ToString());
        }

        [Fact]
        public void RegistersCarrySyscallArgumentsAndResults()
        {
            var machine = new SimMachine(new RandomSimScheduler(7));
            var kernel = new TestKernel(machine);
            ulong result = 0;
            SimThread thread = machine.CreateThread("t", machine.CreateAddressSpace(), async ctx =>
            {
                ctx.Registers.Rip = 0x40_1000;
                result = await ctx.Syscall(99, 1, 2, 3);
            });
            machine.Run(10);
            Assert.Equal(TestKernel.ErrorUnknown, result);
            Assert.Equal(1UL, thread.Registers.GetArgument(0));
            Assert.Equal(3UL, thread.Registers.Rdx);
            Assert.Equal(0x40_1000UL, thread.Registers.Rcx);                     // SYSCALL: rcx = rip
            Assert.Equal(SimRegisters.InitialRflags, thread.Registers.R11);      // SYSCALL: r11 = rflags
        }

        [Fact]
        public void BlockedReceiverIsWokenBySenderWithTheWord()
        {
            var machine = new SimMachine(new RandomSimScheduler(3));
            var kernel = new TestKernel(machine);
            SimAddressSpace space = machine.CreateAddressSpace();
            ulong received = 0, from = 99;
            machine.CreateThread("receiver", space, async ctx =>
            {
                received = await ctx.Syscall(TestKernel.ReceiveWord);
                from = ctx.Registers.Rsi;
            });
            machine.CreateThread("sender", space, async ctx =>
            {
                await ctx.Syscall(TestKernel.Null);
                await ctx.Syscall(TestKernel.SendWord, 0, 0xFEED);
            });
            Assert.Equal(SimStopReason.AllThreadsFinished, machine.Run(100));
            Assert.Equal(0xFEEDUL, received);
            Assert.Equal(1UL, from);
        }

        [Fact]
        public void UserAccessToAnUnmappedPageEntersTheKernelAndRetriesAfterThePagerMapsIt()
        {
            var machine = new SimMachine(new RandomSimScheduler(11));
            var kernel = new TestKernel(machine);
            SimAddressSpace space = machine.CreateAddressSpace();
            ulong frame = machine.Memory.AllocateFrame();
            machine.Memory.WriteUInt64(frame + 0x18, 0x1234_5678);
            kernel.FaultHandler = (thread, fault) => thread.Space.TryMapUser(fault.Address & ~0xFFFUL, frame, 4 | 2);
            ulong value = 0;
            machine.CreateThread("t", space, async ctx =>
            {
                value = await ctx.ReadUInt64(0x4000_5018);
                await ctx.WriteUInt64(0x4000_5020, value + 1);
            });
            Assert.Equal(SimStopReason.AllThreadsFinished, machine.Run(10));
            Assert.Equal(0x1234_5678UL, value);
            Assert.Equal(0x1234_5679UL, machine.Memory.ReadUInt64(frame + 0x20));
            PageFault fault = Assert.Single(kernel.Faults);
            Assert.Equal(0x4000_5018UL, fault.Address);
            Assert.Equal(PageFault.UserBit, fault.ErrorCode);
        }

        [Fact]
        public void WriteToAReadOnlyPageFaultsWithPWU()
        {
            var machine = new SimMachine(new RandomSimScheduler(5));
            var kernel = new TestKernel(machine);
            SimAddressSpace space = machine.CreateAddressSpace();
            Assert.True(space.TryMapUser(0x4000_0000, machine.Memory.AllocateFrame(), 4));
            machine.CreateThread("t", space, async ctx => await ctx.WriteByte(0x4000_0007, 1));
            Assert.Equal(SimStopReason.NothingEnabled, machine.Run(10));
            PageFault fault = Assert.Single(kernel.Faults);
            Assert.Equal(0x4000_0007UL, fault.Address);
            Assert.Equal(PageFault.ProtectionBit | PageFault.WriteBit | PageFault.UserBit, fault.ErrorCode);
        }

        [Fact]
        public void UtcbIsMappedAtTheThreadsSlotAndSharedWithTheKernel()
        {
            var machine = new SimMachine(new RandomSimScheduler(5));
            var kernel = new TestKernel(machine);
            SimAddressSpace space = machine.CreateAddressSpace();
            SimThread first = machine.CreateThread("first", space, async ctx =>
            {
                await ctx.WriteUInt64(Utcb.AreaBase + 8 * 12, 0xABCD);   // MR12 by a user store
            });
            SimThread second = machine.CreateThread("second", space, async ctx =>
            {
                ctx.Utcb.SetMr(3, 77);
                await ctx.Syscall(TestKernel.Null);
            });
            machine.Run(10);
            Assert.Equal(Utcb.AreaBase, first.Utcb.VirtualAddress);
            Assert.Equal(Utcb.AreaBase + 4096, second.Utcb.VirtualAddress);
            Assert.Equal(0xABCDUL, first.Utcb.GetMr(12));
            Assert.Equal(77UL, machine.Memory.ReadUInt64(second.Utcb.Frame + 3 * 8));
            Translation t = space.Translate(second.Utcb.VirtualAddress, AccessKind.Execute);
            Assert.Equal(PageFault.ProtectionBit | PageFault.FetchBit | PageFault.UserBit, t.Fault.ErrorCode);
        }

        [Fact]
        public void ExceptionsAndFetchFaultsReachTheKernel()
        {
            var machine = new SimMachine(new RandomSimScheduler(5));
            var kernel = new TestKernel(machine);
            SimAddressSpace space = machine.CreateAddressSpace();
            Assert.True(space.TryMapUser(0x4000_0000, machine.Memory.AllocateFrame(), 4 | 2));   // no X
            machine.CreateThread("divide", space, async ctx => await ctx.RaiseException(0));
            machine.CreateThread("jump", space, async ctx => await ctx.Fetch(0x4000_0010));
            machine.Run(10);
            Assert.Contains("exception 0 0 0", kernel.Log);
            Assert.Contains($"pf 1 0x40000010 {PageFault.ProtectionBit | PageFault.FetchBit | PageFault.UserBit}", kernel.Log);
        }

        [Fact]
        public void LongCopyIsPreemptedAtChunkBoundariesAndContinuedInTheKernel()
        {
            // Preempt at the first two preemption points, then let it run.
            var scheduler = new ScriptedScheduler(preemptions: new[] { true, true, false });
            var machine = new SimMachine(scheduler, recordTrace: true);
            var kernel = new TestKernel(machine);
            SimAddressSpace a = machine.CreateAddressSpace(), b = machine.CreateAddressSpace();
            ulong src = machine.Memory.AllocateFrame(), dst = machine.Memory.AllocateFrame();
            Assert.True(a.TryMapUser(0x4000_0000, src, 4));
            Assert.True(b.TryMapUser(0x4000_0000, dst, 4 | 2));
            machine.Memory.Frame(src)[..300].Fill(0x5A);
            ulong copied = 0;
            machine.CreateThread("copier", a, async ctx =>
            {
                ctx.Registers.R10 = 300;
                copied = await ctx.Syscall(TestKernel.CopyTo, 1, 0x4000_0000, 0x4000_0000);
            });
            machine.CreateThread("target", b, ctx => Task.CompletedTask, runnable: false);
            Assert.Equal(SimStopReason.NothingEnabled, machine.Run(50));
            Assert.Equal(300UL, copied);
            Assert.Equal(3, kernel.Continues);                 // the syscall's own chunk, then two continuations
            Assert.Equal(0x5A, machine.Memory.ReadByte(dst + 299));
            Assert.Equal(0, machine.Memory.ReadByte(dst + 300));
            SimEventKind[] points = machine.Trace.Events
                .Where(e => e.Kind is SimEventKind.Preempt or SimEventKind.Continue).Select(e => e.Kind).ToArray();
            // 300 bytes in 64-byte chunks: 4 preemption points (after chunks 1..4; the fifth completes).
            Assert.Equal(new[] { SimEventKind.Preempt, SimEventKind.Preempt, SimEventKind.Continue, SimEventKind.Continue }, points);
        }

        [Fact]
        public void AwaitingSomethingOtherThanTheMachineIsReported()
        {
            var machine = new SimMachine(new RandomSimScheduler(1));
            var kernel = new TestKernel(machine);
            var never = new TaskCompletionSource();
            machine.CreateThread("stray", machine.CreateAddressSpace(), async ctx => await never.Task);
            InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => machine.Run(5));
            Assert.Contains("not a kernel entry", ex.Message);
        }

        [Fact]
        public void ExceptionInUserCodeStopsTheRunWithTheThreadNamed()
        {
            var machine = new SimMachine(new RandomSimScheduler(1));
            var kernel = new TestKernel(machine);
            machine.CreateThread("broken", machine.CreateAddressSpace(), async ctx =>
            {
                await ctx.Syscall(TestKernel.Null);
                throw new FormatException("bad");
            });
            InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => machine.Run(5));
            Assert.Contains("broken#0", ex.Message);
            Assert.IsType<FormatException>(ex.InnerException);
        }

        internal static async Task Print(SimUserContext ctx, string text)
        {
            foreach (char c in text)
            {
                await ctx.Syscall(TestKernel.PutChar, c);
            }
        }
    }
}
