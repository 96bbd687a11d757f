// Demap of a tree of n derived mappings (total work linear in n, each preemption step bounded by its budget), and
// map/lookup cost as the number of tasks grows (constant: the per-task page index needs no search).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using MappingDatabase;
using Verified.Hal.Sim;
using static MappingTypes.__default;

namespace Verified.Bench.Mapping;

public sealed class MappingDemapBenchmark : IScalingBenchmark
{
    private const uint Budget = 64;          // units of work (one node visited or removed) per preemption step
    private const uint PagesUsed = 4000;     // pages per task the trees use
    private const uint Frames = 64;

    public string Name => "demap";

    public string Description =>
        "demap of n derived mappings in steps of 64 units (linear total, constant worst step); map+lookup vs tasks";

    public IEnumerable<BenchmarkRow> Run(bool quick)
    {
        foreach (int n in quick ? new[] { 1_000, 10_000 } : new[] { 1_000, 10_000, 100_000 })
        {
            yield return Demap(n);
        }
        foreach (uint tasks in quick ? new uint[] { 4, 64 } : new uint[] { 4, 64, 1024, 4096 })
        {
            foreach (BenchmarkRow row in MapLookup(tasks))
            {
                yield return row;
            }
        }
    }

    private static MappingDb NewDb(uint tasks, uint nodes)
    {
        var db = new MappingDb();
        db.__ctor(tasks, Frames, nodes, HalPageTables.__default.Attach(new SoftPageTables(tasks, 0x8000_0000)));
        return db;
    }

    // A binary tree of n mappings of frame 1 below task 1's page 0, spread over tasks 1.. (PagesUsed pages each).
    private static MappingDb Tree(int n)
    {
        uint tasks = (uint)(n / PagesUsed) + 3;
        MappingDb db = NewDb(tasks, (uint)n + Frames + 16);
        Check(db.Map(0, 1, 1, 0, RightsAll));
        for (int i = 1; i <= n; i++)
        {
            int parent = (i - 1) / 2;
            Check(db.Map(TaskOf(parent), PageOf(parent), TaskOf(i), PageOf(i), RightsAll));
        }
        return db;
    }

    private static uint TaskOf(int i) => 1 + (uint)(i / PagesUsed);

    private static ulong PageOf(int i) => (ulong)(i % PagesUsed);

    private static BenchmarkRow Demap(int n)
    {
        double best = double.MaxValue, worstStepNs = 0, medianStepNs = 0;
        long steps = 0;
        var stepTicks = new List<long>();
        for (int run = 0; run < 4; run++)   // run 0 warms up
        {
            MappingDb db = Tree(n);
            long worst = 0;
            long start = Stopwatch.GetTimestamp();
            long t0 = start;
            db.Demap(1, 0, Budget, out uint err, out bool done);
            long s = 1;
            worst = Math.Max(worst, Stopwatch.GetTimestamp() - t0);
            stepTicks.Clear();
            while (err == OK && !done)
            {
                t0 = Stopwatch.GetTimestamp();
                db.DemapContinue(Budget, out err, out done);
                long ticks = Stopwatch.GetTimestamp() - t0;
                stepTicks.Add(ticks);
                worst = Math.Max(worst, ticks);
                s++;
            }
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            Check(err);
            if (run > 0)
            {
                best = Math.Min(best, seconds);
                worstStepNs = Math.Max(worstStepNs, worst * 1e9 / Stopwatch.Frequency);
                stepTicks.Sort();
                medianStepNs = stepTicks[stepTicks.Count / 2] * 1e9 / Stopwatch.Frequency;
            }
            steps = s;
        }
        return new BenchmarkRow("demap tree", n, n, best, new List<(string, string)>
        {
            ("steps", steps.ToString(CultureInfo.InvariantCulture)),
            ("units/step", Budget.ToString(CultureInfo.InvariantCulture)),
            ("median step ns", medianStepNs.ToString("0", CultureInfo.InvariantCulture)),
            ("worst step ns", worstStepNs.ToString("0", CultureInfo.InvariantCulture)),
        });
    }

    // Maps 20,000 random (task, page) keys from sigma0's pages, then looks each up. The same database is reused
    // (cleared by demapping sigma0's pages between runs) so the simulated page tables' memory is already touched
    // and only the database and leaf writes are measured.
    private static IEnumerable<BenchmarkRow> MapLookup(uint tasks)
    {
        const int ops = 20_000;
        var random = new Random(1);
        var keys = new (uint T, ulong V)[ops];
        for (int i = 0; i < ops; i++)
        {
            keys[i] = (1 + (uint)random.Next((int)tasks - 1), (ulong)random.Next(4096));
        }
        MappingDb db = NewDb(tasks, ops + Frames + 16);
        double bestMap = double.MaxValue, bestLookup = double.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < ops; i++)
            {
                db.Map(0, (ulong)(i % Frames), keys[i].T, keys[i].V, RightsAll);   // occupied keys fail fast
            }
            double mapSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            start = Stopwatch.GetTimestamp();
            for (int i = 0; i < ops; i++)
            {
                db.Lookup(keys[i].T, keys[i].V, out _, out _, out _);
            }
            double lookupSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            for (ulong f = 0; f < Frames; f++)
            {
                db.Demap(0, f, uint.MaxValue, out uint err, out _);
                Check(err);
            }
            if (run > 0)
            {
                bestMap = Math.Min(bestMap, mapSeconds);
                bestLookup = Math.Min(bestLookup, lookupSeconds);
            }
        }
        yield return new BenchmarkRow("map", tasks, ops, bestMap, new List<(string, string)>());
        yield return new BenchmarkRow("lookup", tasks, ops, bestLookup, new List<(string, string)>());
    }

    private static void Check(uint err)
    {
        if (err != OK)
        {
            throw new InvalidOperationException($"mapping operation failed: {err}");
        }
    }
}
