// The rescuer, at the lowest priority in its own task: it runs only when every fuzz thread waits (some without a
// deadline). It cancels (and aborts) the IPC of the thread behind every slot of its task (slot t names thread t,
// FuzzWorld.GrantRescuerReach), then sleeps so that finite timeouts can expire. It never waits without a deadline,
// so the run cannot stall for good; its calls are checked and traced like the others.
using System;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal static class Rescuer
    {
        private const ulong ExchangeRegisters = 13;
        private const ulong IpcNumber = 3;
        private const ulong CancelAndAbort = 3;
        private const int SleepTicks = 100;   // relative timeout m = 100, e = 0

        public static Func<SimUserContext, Task> Code(FuzzWorld world) => context => Rescue(world, context);

        private static async Task Rescue(FuzzWorld world, SimUserContext context)
        {
            uint id = (uint)context.Thread.KernelHandle;
            while (true)
            {
                for (ulong slot = 0; slot < FuzzWorld.ThreadIds; slot++)
                {
                    await Call(world, context, id, ExchangeRegisters, slot, CancelAndAbort, 0);
                }
                ulong sleep = (ulong)SleepTicks << 16;
                await Call(world, context, id, IpcNumber, SyscallGenerator.NilSpecifier, SyscallGenerator.NilSpecifier, sleep);
            }
        }

        private static async Task Call(FuzzWorld world, SimUserContext context, uint id, ulong number, ulong rdi,
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
            Answers.Check(world, id, call, r);
            world.Trace.Add(id, call.Number, r.Rax);
            world.RescuerSyscalls++;
        }
    }
}
