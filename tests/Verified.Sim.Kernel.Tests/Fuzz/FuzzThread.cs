// The code every fuzz thread runs: random syscalls for as long as the runner steps the machine, each answer checked
// (Answers) and recorded in the trace. Rarely the thread ends, touches unmapped memory or raises a CPU exception instead: with no pager or
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
                Answers.Check(world, id, call, r);
                Answers.CheckDetail(world, id, call, context.Utcb[Utcb.ErrorDetailWord]);
                world.Trace.Add(id, call.Number, r.Rax);
            }
        }
    }
}
