using System;
using System.Collections.Generic;

namespace Verified.Coyote.SystematicTesting;

/// <summary>The result of exploring a test (Coyote's TestReport).</summary>
public sealed record TestReport
{
    public required string Scenario { get; init; }

    public required string Strategy { get; init; }

    public int NumOfExploredSchedules { get; init; }

    public long TotalSteps { get; init; }

    /// <summary>Iterations cut off by the step bound.</summary>
    public int BoundReachedSchedules { get; init; }

    /// <summary>True when a dfs strategy explored every schedule within the bound.</summary>
    public bool Exhausted { get; init; }

    /// <summary>dfs: some schedule had a choice beyond the depth bound (it took the first one), so even an exhausted
    /// search covered only the schedules that differ within the bound.</summary>
    public bool DepthBoundReached { get; init; }

    public TimeSpan Elapsed { get; init; }

    public int NumOfFoundBugs => BugReports.Count;

    public IReadOnlyList<string> BugReports { get; init; } = [];

    /// <summary>The first bug's schedule; replaying it reproduces the bug.</summary>
    public TraceFile? Trace { get; init; }

    /// <summary>Operation names of the buggy run, to comment the trace lines.</summary>
    public IReadOnlyDictionary<int, string>? TraceOperationNames { get; init; }
}

/// <summary>The result of replaying a trace.</summary>
public sealed record ReplayReport(string? Bug, string? Divergence, int Steps, int UnusedDecisions)
{
    /// <summary>The replay hit the recorded bug, on the recorded schedule, with no decision left over.</summary>
    public bool Reproduced(TraceFile trace) => Divergence is null && UnusedDecisions == 0 && Bug == trace.Bug;
}
