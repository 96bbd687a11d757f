// sel4bench's method: per run, warm-up iterations (page faults, first-touch work), then timed iterations, each timed
// alone; the cost of the timing itself (two counter reads around an empty call) is measured once and subtracted.
// A run's figure is the median of its samples: under -icount the undisturbed iterations of a loop execute exactly the
// same instructions, so nearly all samples are one value, and the median leaves out both the few a timer interrupt
// (1 per 1,000,000 instructions) lands in and the rare cheaper one where the partner's work fell outside the timed
// region. The row is the least of several runs, which must agree (a spread is printed); so is the share of samples
// equal to the median (the least over the runs), the evidence that the iterations were identical. Each row starts after
// a tick's sleep, with nothing else ready to run.
namespace Verified.User.Bench
{
    internal static unsafe class Sampler
    {
        public const ulong Failed = ulong.MaxValue;
        private const int Runs = 3, Warmup = 20, Iterations = 200;

        /// <summary>Empty samples taken to find the timing's cost (the least of them).</summary>
        private const int CalibrationSamples = Warmup + Iterations;

        private static readonly ulong[] s_samples = new ulong[Iterations];
        private static ulong s_overhead;
        private static delegate*<ulong> s_operation;

        public static int Rows { get; private set; }

        public static int Failures { get; private set; }

        /// <summary>The timing overhead: the least of many empty samples (printed, not subtracted from itself).</summary>
        public static void Calibrate()
        {
            s_operation = &Nothing;
            ulong least = Least(&Timed);
            s_overhead = least;
            Report.Note(string.Concat("timing overhead (subtracted) = ", least.ToString(), " instructions"));
        }

        /// <summary>The least of <see cref="CalibrationSamples"/> samples of an empty timed region: a timing's own
        /// cost.</summary>
        public static ulong Least(delegate*<ulong> sample)
        {
            ulong least = Failed;
            for (int i = 0; i < CalibrationSamples; i++)
            {
                ulong value = sample();
                least = value < least ? value : least;
            }
            return least;
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
        public static void Sample(string name, delegate*<ulong> sample, delegate*<ulong> after) =>
            Sample(name, sample, after, s_overhead);

        /// <summary>As Sample, for samples with a timing of their own whose cost is <paramref name="overhead"/>.</summary>
        public static void Sample(string name, delegate*<ulong> sample, delegate*<ulong> after, ulong overhead)
        {
            // Every row starts with nothing else to run: a thread that became Ready meanwhile (at this thread's
            // priority it would first run when a timeslice ends) runs now, not in the ready queue every IPC of the row
            // looks at, so that a row's figure does not depend on where the ticks fell.
            Verified.User.Library.Ipc.Sleep(1);
            ulong best = Failed, worst = 0;
            int leastShare = Iterations;
            for (int run = 0; run < Runs; run++)
            {
                for (int i = 0; i < Warmup + Iterations; i++)
                {
                    ulong value = sample();
                    if (value == Failed || (after != null && after() != 0))
                    {
                        Failures++;
                        Report.Failed(name, run, i);
                        return;
                    }
                    if (i >= Warmup)
                    {
                        s_samples[i - Warmup] = value;
                    }
                }
                int share;
                ulong median = Median(out share);
                median = median > overhead ? median - overhead : 0;
                best = median < best ? median : best;
                worst = median > worst ? median : worst;
                leastShare = share < leastShare ? share : leastShare;
            }
            Rows++;
            Report.Row(name, best, worst, leastShare, Iterations);
        }

        // The median of the run's samples (sorted in place, untimed) and how many samples equal it.
        private static ulong Median(out int share)
        {
            for (int i = 1; i < Iterations; i++)
            {
                ulong value = s_samples[i];
                int j = i - 1;
                while (j >= 0 && s_samples[j] > value)
                {
                    s_samples[j + 1] = s_samples[j];
                    j--;
                }
                s_samples[j + 1] = value;
            }
            ulong median = s_samples[Iterations / 2];
            share = 0;
            for (int i = 0; i < Iterations; i++)
            {
                share += s_samples[i] == median ? 1 : 0;
            }
            return median;
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
