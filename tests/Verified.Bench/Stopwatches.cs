using System;
using System.Diagnostics;

namespace Verified.Bench;

/// <summary>Timing helpers shared by the benchmarks: warm up once, then take the best of several runs.</summary>
public static class Stopwatches
{
    /// <summary>Runs <paramref name="setup"/> then times <paramref name="measured"/>; best of <paramref name="runs"/>.</summary>
    public static double BestSeconds<T>(int runs, Func<T> setup, Action<T> measured)
    {
        measured(setup()); // warm-up: JIT and caches
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            T state = setup();
            long start = Stopwatch.GetTimestamp();
            measured(state);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return best;
    }
}
