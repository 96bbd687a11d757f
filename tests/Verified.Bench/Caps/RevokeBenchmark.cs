// Revoke of a subtree of n capabilities in the compiled capability core (spec/Caps), in preemptible steps.
// Expected: total time linear in n; the worst single step constant in n (at most RevokeBatch deletions).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using CapsSpace;
using C = CapsTypes.__default;

namespace Verified.Bench.Caps;

public sealed class RevokeBenchmark : IScalingBenchmark
{
    private const uint SlotsPerTask = 0x1_0000;

    public string Name => "revoke";

    public string Description =>
        "revoke a subtree of n capabilities (fan-out, chain, binary tree) step by step; total linear in n, worst step constant";

    public IEnumerable<BenchmarkRow> Run(bool quick)
    {
        // Warm-up for longer than tiered compilation's call-counting delay (100 ms), so every row measures
        // optimized code, not the first tier.
        long warmStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmStart).TotalMilliseconds < 1000)
        {
            Revoke(Build("binary", 20_000), 20_000);
        }
        int[] sizes = quick ? new[] { 1_000, 10_000 } : new[] { 1_000, 10_000, 100_000 };
        foreach (string shape in new[] { "fan-out", "chain", "binary" })
        {
            foreach (int n in sizes)
            {
                yield return Measure(shape, n);
            }
        }
    }

    private static BenchmarkRow Measure(string shape, int n)
    {
        Result best = default;
        best.TotalSeconds = double.MaxValue;
        for (int run = 0; run < 4; run++)   // run 0 warms up
        {
            CapSpace space = Build(shape, n);
            Result r = Revoke(space, n);
            if (run > 0 && r.TotalSeconds < best.TotalSeconds)
            {
                best = r;
            }
        }
        return new BenchmarkRow($"{shape}", n, n, best.TotalSeconds, new List<(string, string)>
        {
            ("steps", best.Steps.ToString()),
            ("worst step nodes", best.WorstNodes.ToString()),
            ("worst step ns", best.WorstStepNs.ToString("0")),
            ("p99 step ns", best.P99StepNs.ToString("0")),
        });
    }

    // Node j of the tree lives in task j / SlotsPerTask, slot j % SlotsPerTask; node 0 is the root.
    private static CapSpace Build(string shape, int n)
    {
        uint tasks = (uint)(n / SlotsPerTask + 1);
        var space = new CapSpace();
        space.__ctor(tasks, SlotsPerTask, 1);
        Check(space.CreateRoot(0, 0, 0, C.TypeEndpoint, 7));
        for (uint j = 1; j <= n; j++)
        {
            uint parent = shape switch { "fan-out" => 0, "chain" => j - 1, _ => (j - 1) / 2 };
            Check(space.Transfer(parent / SlotsPerTask, parent % SlotsPerTask, j / SlotsPerTask, j % SlotsPerTask, C.TransferCopy));
        }
        return space;
    }

    private static void Check(uint err)
    {
        if (err != C.OK)
        {
            throw new InvalidOperationException($"setup failed with error {err}");
        }
    }

    private struct Result
    {
        public double TotalSeconds;
        public int Steps;
        public uint WorstNodes;
        public double WorstStepNs;
        public double P99StepNs;
    }

    private static Result Revoke(CapSpace space, int n)
    {
        var stepTicks = new long[n / (int)C.RevokeBatch + 2];
        int steps = 0;
        uint worstNodes = 0;
        uint total = 0;
        bool done = false;
        long start = Stopwatch.GetTimestamp();
        while (!done)
        {
            long t0 = Stopwatch.GetTimestamp();
            space.RevokeStep(0, 0, out uint err, out done, out uint removed);
            stepTicks[steps++] = Stopwatch.GetTimestamp() - t0;
            // nodes visited by the step: each deleted node plus the successor test that ends or bounds it
            worstNodes = Math.Max(worstNodes, removed + 1);
            total += removed;
            if (err != C.OK)
            {
                throw new InvalidOperationException($"revoke failed with error {err}");
            }
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (total != n)
        {
            throw new InvalidOperationException($"revoke removed {total} of {n}");
        }
        Array.Sort(stepTicks, 0, steps);
        double nsPerTick = 1e9 / Stopwatch.Frequency;
        return new Result
        {
            TotalSeconds = seconds,
            Steps = steps,
            WorstNodes = worstNodes,
            WorstStepNs = stepTicks[steps - 1] * nsPerTick,
            P99StepNs = stepTicks[(int)(steps * 0.99)] * nsPerTick,
        };
    }
}
