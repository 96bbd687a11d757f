using System.Collections.Generic;

namespace Verified.Bench;

/// <summary>One row of a scaling table: a size and what was measured at that size.</summary>
/// <param name="Size">The n the row is about (threads, capabilities in the subtree, mappings...).</param>
/// <param name="Operations">Operations timed in <paramref name="Seconds"/>.</param>
/// <param name="Extra">Further columns in a deterministic unit (e.g. "worst step" = nodes visited by one preemptible
/// step), so that claims like "constant in n" do not rest on wall time.</param>
public sealed record BenchmarkRow(string Case, long Size, long Operations, double Seconds,
    IReadOnlyList<(string Column, string Value)> Extra)
{
    public double OperationsPerSecond => Seconds > 0 ? Operations / Seconds : 0;

    public double NanosecondsPerOperation => Operations > 0 ? Seconds * 1e9 / Operations : 0;
}

/// <summary>
/// A scaling benchmark of a compiled core. Implementations are found by reflection, so a new core adds its benchmark
/// as one class here without touching a shared list.
/// </summary>
public interface IScalingBenchmark
{
    /// <summary>Short name used on the command line to select it (e.g. "revoke").</summary>
    string Name { get; }

    /// <summary>One line saying what is measured and what scaling is expected.</summary>
    string Description { get; }

    /// <summary>Runs the sizes (smaller ones when <paramref name="quick"/>) and returns one row per measurement.</summary>
    IEnumerable<BenchmarkRow> Run(bool quick);
}
