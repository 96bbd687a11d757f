// The code every fuzz thread runs: random syscalls until the run has enough, each answer checked to be a result
// word (docs/abi.md section 2; all ones exactly for the syscalls the kernel does not know) and recorded in the
// trace. Rarely the thread ends, touches unmapped memory or raises a CPU exception instead: with no pager or
// handler the kernel deletes it (a per-thread outcome), which leaves stale capabilities to it in every task.
using System;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal static class FuzzThread
    {
        // One in FateOdds syscalls is replaced by each of: the end of the code, a page fault, an exception.
        private const int FateOdds = 8_000;
        private const ulong UnmappedAddress = 0x1000;
        private const ulong ExchangeRegisters = 13;
        private const ulong IpcNumber = 3;
        private const ulong MaxIpcState = 10;
        private const ulong CancelAndAbort = 3;
        private const int RescuerSleepTicks = 100;   // relative timeout m = 100, e = 0

        public static Func<SimUserContext, Task> Code(FuzzWorld world) => context => Run(world, context);

        private static async Task Run(FuzzWorld world, SimUserContext context)
        {
            SyscallGenerator g = world.Generator;
            SimRegisters r = context.Registers;
            uint id = (uint)context.Thread.KernelHandle;
            while (true)
            {
                int fate = g.Next(FateOdds);
                if (fate == 0)
                {
                    return;
                }
                if (fate == 1)
                {
                    await context.ReadUInt64(UnmappedAddress);
                }
                if (fate == 2)
                {
                    int vector = g.Next(31);
                    await context.RaiseException(vector >= 14 ? vector + 1 : vector);
                }
                g.Fill(r, context.Utcb);
                var call = new FuzzCall(r);
                await context.Syscall();
                CheckResult(world, id, call, r);
                world.Trace.Add(id, call.Number, r.Rax);
            }
        }

        /// <summary>The rescuer: when every fuzz thread waits (some without a deadline), it cancels the IPC of the
        /// thread behind every slot of its task (slot t names thread t), then sleeps so that finite timeouts can expire. It never waits without
        /// a deadline, so the run cannot stall for good.</summary>
        public static Func<SimUserContext, Task> RescuerCode(FuzzWorld world) => context => Rescue(world, context);

        private static async Task Rescue(FuzzWorld world, SimUserContext context)
        {
            SimRegisters r = context.Registers;
            uint id = (uint)context.Thread.KernelHandle;
            while (true)
            {
                for (ulong slot = 0; slot < FuzzWorld.ThreadIds; slot++)
                {
                    await RescuerCall(world, context, id, ExchangeRegisters, slot, CancelAndAbort, 0);
                }
                ulong sleep = (ulong)RescuerSleepTicks << 16;
                await RescuerCall(world, context, id, IpcNumber, SyscallGenerator.NilSpecifier, SyscallGenerator.NilSpecifier, sleep);
            }
        }

        private static async Task RescuerCall(FuzzWorld world, SimUserContext context, uint id, ulong number, ulong rdi,
            ulong rsi, ulong rdx)
        {
            SimRegisters r = context.Registers;
            r.Rax = number;
            r.Rdi = rdi;
            r.Rsi = rsi;
            r.Rdx = rdx;
            r.R10 = 0;
            var call = new FuzzCall(r);
            await context.Syscall();
            CheckResult(world, id, call, r);
            world.Trace.Add(id, call.Number, r.Rax);
            world.RescuerSyscalls++;
        }

        private static void CheckResult(FuzzWorld world, uint id, FuzzCall call, SimRegisters r)
        {
            ulong rax = r.Rax;
            bool known = call.Number is 0 or 3 or 4 or 5 or 6 or 13 or 15;
            if (!ResultWords.IsWellFormed(rax) || (!known && rax != ulong.MaxValue) || (known && rax == ulong.MaxValue))
            {
                throw new FuzzFailure(world.Seed, world.Checked.Syscalls, $"thread {id} {call}",
                    $"answered 0x{rax:X}, not a result word of this syscall");
            }
            // A successful ExchangeRegisters reports the target's IPC state (0 Free .. 10 Dead) in r8 and zeroes
            // rdx, r10, r9 (docs/abi.md section 9).
            if (call.Number == 13 && rax == 0 && (r.R8 > MaxIpcState || r.Rdx != 0 || r.R10 != 0 || r.R9 != 0))
            {
                throw new FuzzFailure(world.Seed, world.Checked.Syscalls, $"thread {id} {call}",
                    $"ExchangeRegisters answered r8 0x{r.R8:X}, rdx 0x{r.Rdx:X}, r10 0x{r.R10:X}, r9 0x{r.R9:X}");
            }
        }
    }
}
