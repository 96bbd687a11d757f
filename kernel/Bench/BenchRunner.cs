// The benchmark image's work (built with -define:BENCH, booted under QEMU -icount): each benchmark is a ring-3
// probe that counts guest instructions with rdtsc and exits with the count. Printed as
// "bench: <name> = <value> instructions", the line `./verified bench` reads.
using Verified.Hal.X64;
using Verified.Kernel.UserPrograms;

namespace Verified.Kernel.Bench
{
    internal static unsafe class BenchRunner
    {
        private const ulong Iterations = 1000;   // BENCH_ITERATIONS in boot/X64/UserProbes.S
        private const int Runs = 3;

        /// <summary>Runs every benchmark; false if one could not be measured.</summary>
        public static bool RunAll()
        {
            // Timer interrupts would land inside measured regions; benchmarks run without them.
            Lapic.StopTimer();
            return Measure("null syscall (kernel entry + exit)",
                KernelSymbols.ProbeBenchNullStart(), KernelSymbols.ProbeBenchNullEnd());
        }

        // Several runs: under -icount they must agree exactly; a spread means the measurement is disturbed.
        private static bool Measure(string name, byte* start, byte* end)
        {
            ulong least = ulong.MaxValue;
            ulong most = 0;
            for (int run = 0; run < Runs; run++)
            {
                ulong total = UserRun.Run(start, end, tickBudget: 0);
                if (total >= (1UL << 40))
                {
                    Serial.WriteLine(string.Concat("bench: ", name, " FAILED: the probe did not exit normally"));
                    return false;
                }
                least = total < least ? total : least;
                most = total > most ? total : most;
            }
            ulong tenths = least * 10 / Iterations;
            Serial.WriteLine(string.Concat("bench: ", name, " = ", (tenths / 10).ToString(), ".",
                (tenths % 10).ToString(), " instructions"));
            if (most != least)
            {
                Serial.WriteLine(string.Concat("bench: note: runs differ by ", (most - least).ToString(),
                    " instructions per ", Iterations.ToString(), " (run without -icount?)"));
            }
            return true;
        }
    }
}
