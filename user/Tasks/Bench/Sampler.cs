// sel4bench's method: per run, warm-up iterations (page faults, first-touch work), then timed iterations, each timed
// alone; the cost of the timing itself (two counter reads around an empty call) is measured once and subtracted.
// A run's figure is its least sample: under -icount every undisturbed iteration of a loop executes the same
// instructions, and the minimum leaves out the few a timer interrupt (1 per 1,000,000 instructions) lands in. Several
// runs must agree; a spread is printed.
namespace Verified.User.Bench
{
    internal static unsafe class Sampler
    {
        public const ulong Failed = ulong.MaxValue;
        private const int Runs = 3, Warmup = 20, Iterations = 200;

        private static ulong s_overhead;
        private static delegate*<ulong> s_operation;

        public static int Rows { get; private set; }

        public static int Failures { get; private set; }

        /// <summary>The timing overhead: the least of many empty samples (printed, not subtracted from itself).</summary>
        public static void Calibrate()
        {
            s_operation = &Nothing;
            ulong least = Failed;
            for (int i = 0; i < Warmup + Iterations; i++)
            {
                ulong sample = Timed();
                least = sample < least ? sample : least;
            }
            s_overhead = least;
            Report.Note(string.Concat("timing overhead (subtracted) = ", least.ToString(), " instructions"));
        }

        /// <summary>Times <paramref name="operation"/> (0 = success) between two counter reads.</summary>
        public static void Measure(string name, delegate*<ulong> operation) => Measure(name, operation, null);

        /// <summary>As Measure, with <paramref name="after"/> (0 = success) run untimed after each iteration.</summary>
        public static void Measure(string name, delegate*<ulong> operation, delegate*<ulong> after)
        {
            s_operation = operation;
            Sample(name, &Timed, after);
        }

        /// <summary>Takes <paramref name="sample"/>'s own figures (instructions, overhead included; Failed on a
        /// failure): for timestamps taken on two threads.</summary>
        public static void Sample(string name, delegate*<ulong> sample, delegate*<ulong> after)
        {
            ulong best = Failed, worst = 0;
            for (int run = 0; run < Runs; run++)
            {
                ulong least = Failed;
                for (int i = 0; i < Warmup + Iterations; i++)
                {
                    ulong value = sample();
                    if (value == Failed || (after != null && after() != 0))
                    {
                        Failures++;
                        Report.Failed(name, run, i);
                        return;
                    }
                    if (i >= Warmup && value < least)
                    {
                        least = value;
                    }
                }
                least = least > s_overhead ? least - s_overhead : 0;
                best = least < best ? least : best;
                worst = least > worst ? least : worst;
            }
            Rows++;
            Report.Row(name, best, worst);
        }

        private static ulong Timed()
        {
            ulong start = BenchCalls.Rdtsc();
            ulong result = s_operation();
            ulong end = BenchCalls.Rdtsc();
            return result == 0 ? end - start : Failed;
        }

        private static ulong Nothing() => 0;
    }
}
