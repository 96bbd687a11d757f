// Time-slicing among several user programs: each timer tick in ring 3 switches to the next context. A stand-in
// for the verified scheduler's ready queues until the kernel proper runs its threads; what it exercises is the
// HAL's context switch (registers, vector state, address space).
using Verified.Hal.X64;

namespace Verified.Kernel.UserPrograms
{
    internal static unsafe class RoundRobin
    {
        private const int Capacity = 8;
        private static readonly ulong[] s_contexts = new ulong[Capacity];
        private static int s_count;
        private static int s_current;

        /// <summary>Context switches made since the last <see cref="Run"/>.</summary>
        public static ulong Switches { get; private set; }

        /// <summary>Runs the given contexts, one timer tick each in turn, for <paramref name="ticks"/> ticks.</summary>
        public static ulong Run(UserContext** contexts, int count, ulong ticks)
        {
            if (count < 1 || count > Capacity)
            {
                Panic.Halt("round robin: bad thread count");
            }
            for (int i = 0; i < count; i++)
            {
                s_contexts[i] = (ulong)contexts[i];
            }
            s_count = count;
            s_current = 0;
            Switches = 0;
            UserRun.TickBudget = ticks;
            ulong result = UserRun.RunContext(contexts[0]);
            s_count = 0;
            return result;
        }

        /// <summary>Called on a timer tick in ring 3: the next context becomes current.</summary>
        public static void Next()
        {
            if (s_count < 2)
            {
                return;
            }
            s_current = (s_current + 1) % s_count;
            UserMode.Switch((UserContext*)s_contexts[s_current]);
            Switches++;
        }
    }
}
