// Helpers every scenario shares: the seeds a property is checked under, raw ExchangeRegisters, and waiting until
// another thread reaches a given IPC state (so a test can act exactly when a thread is blocked where it wants it).
using System;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios
{
    internal static class Scenario
    {
        /// <summary>Seeds for properties that must hold whatever the scheduler chooses.</summary>
        public static readonly ulong[] Seeds = { 1, 2, 3, 5, 8, 13, 21, 34 };

        /// <summary>A second notification (IPC object 3) in slot 6 and a third endpoint (IPC object 4) in slot 7, booted
        /// like World's first objects.</summary>
        public const uint SecondNotification = 6;
        public const uint ThirdEndpoint = 7;

        public static World WorldWithMoreObjects(ulong seed)
        {
            var world = new World(seed);
            Assert.Equal(0ul, world.Kernel.Core.BootNotification(3, (uint)world.Task, SecondNotification));
            Assert.Equal(0ul, world.Kernel.Core.BootEndpoint(4, (uint)world.Task, ThirdEndpoint));
            return world;
        }

        /// <summary>Runs <paramref name="run"/> once per seed; a failure names the seed.</summary>
        public static void ForEachSeed(Action<ulong> run)
        {
            foreach (ulong seed in Seeds)
            {
                try
                {
                    run(seed);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"seed {seed}: {e.Message}");
                }
            }
        }

        /// <summary>ExchangeRegisters with the given control bits on a thread slot: rax and the target's state (r8).</summary>
        public static async Task<(ulong Result, ulong State)> Exchange(SimUserContext ctx, uint threadSlot, ulong control)
        {
            await ctx.Syscall(SyscallNumbers.ExchangeRegisters, threadSlot, control);
            return (ctx.Registers.Rax, ctx.Registers.R8);
        }

        /// <summary>Yields (each a kernel entry) until the thread in <paramref name="threadSlot"/> is in
        /// <paramref name="state"/>, read through ExchangeRegisters without control bits' effects (cancel only when
        /// <paramref name="cancel"/>). Returns the result of the call that saw the state.</summary>
        public static async Task<ulong> WhenInState(SimUserContext ctx, uint threadSlot, ulong state, bool cancel = false)
        {
            for (int i = 0; i < 10_000; i++)
            {
                (ulong result, ulong seen) = cancel
                    ? await Threads.Cancel(ctx, threadSlot)
                    : await Exchange(ctx, threadSlot, 0);
                Assert.Equal(Ok, result);
                if (seen == state)
                {
                    return result;
                }
                Assert.Equal(Ok, await Threads.Yield(ctx));
            }
            throw new InvalidOperationException($"the thread never reached state {state}");
        }

        /// <summary>Sleeps <see cref="PollTicks"/> ticks at a time until <paramref name="condition"/> holds: a
        /// high-priority thread waits for lower-priority ones to reach a state without starving them (Yield would not
        /// let them run; and since every step is a tick, two threads polling every tick would keep each other
        /// runnable forever).</summary>
        public const ulong PollTicks = 4;

        public static async Task SleepUntil(SimUserContext ctx, Func<bool> condition)
        {
            for (int i = 0; i < 10_000 && !condition(); i++)
            {
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(PollTicks))).Result);
            }
            Assert.True(condition(), "the condition never held");
        }

        /// <summary>True when the machine thread is blocked in the IPC core's state <paramref name="state"/>.</summary>
        public static bool IsIn(World world, SimThread thread, ulong state) =>
            world.Kernel.Core.Ipc.state[world.Kernel.IdOf(thread)] == state;

        /// <summary>Spends <paramref name="entries"/> kernel entries (Null syscalls), each a scheduling point and one tick.</summary>
        public static async Task Spin(SimUserContext ctx, int entries)
        {
            for (int i = 0; i < entries; i++)
            {
                Assert.Equal(Ok, await Threads.Null(ctx));
            }
        }
    }
}
