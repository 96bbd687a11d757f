using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Verified.Bench;

/// <summary>Runs every hosted scaling benchmark (or those named) and prints one table per benchmark.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        bool quick = args.Contains("--quick");
        string[] selected = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        List<IScalingBenchmark> benchmarks = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IScalingBenchmark).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => (IScalingBenchmark)Activator.CreateInstance(t)!)
            .Where(b => selected.Length == 0 || selected.Contains(b.Name))
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
        if (benchmarks.Count == 0)
        {
            Console.Error.WriteLine(selected.Length == 0
                ? "bench: no benchmarks are defined"
                : $"bench: no benchmark named {string.Join(", ", selected)}");
            return 2;
        }
        foreach (IScalingBenchmark benchmark in benchmarks)
        {
            Console.WriteLine($"bench: {benchmark.Name}: {benchmark.Description}");
            BenchmarkTable.Print(benchmark.Run(quick).ToList());
        }
        return 0;
    }
}

/// <summary>Prints rows as an aligned table (Markdown-compatible, so it can go straight into a note or doc).</summary>
public static class BenchmarkTable
{
    public static void Print(IReadOnlyList<BenchmarkRow> rows)
    {
        List<string> extraColumns = rows.SelectMany(r => r.Extra.Select(e => e.Column)).Distinct().ToList();
        var header = new List<string> { "case", "n", "operations", "total ms", "ns/op", "ops/s" };
        header.AddRange(extraColumns);
        var lines = new List<List<string>> { header };
        foreach (BenchmarkRow row in rows)
        {
            var line = new List<string>
            {
                row.Case,
                row.Size.ToString("N0", CultureInfo.InvariantCulture),
                row.Operations.ToString("N0", CultureInfo.InvariantCulture),
                (row.Seconds * 1000).ToString("0.000", CultureInfo.InvariantCulture),
                row.NanosecondsPerOperation.ToString("0.0", CultureInfo.InvariantCulture),
                row.OperationsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
            };
            line.AddRange(extraColumns.Select(c => row.Extra.FirstOrDefault(e => e.Column == c).Value ?? ""));
            lines.Add(line);
        }
        int[] widths = Enumerable.Range(0, header.Count).Select(i => lines.Max(l => l[i].Length)).ToArray();
        for (int l = 0; l < lines.Count; l++)
        {
            Console.WriteLine("| " + string.Join(" | ", lines[l].Select((cell, i) => cell.PadLeft(widths[i]))) + " |");
            if (l == 0)
            {
                Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 1) + ":")) + "|");
            }
        }
    }
}
