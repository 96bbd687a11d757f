using System;
using System.Globalization;
using Verified.Coyote.Runtime;
using Verified.Coyote.SystematicTesting;
using Verified.Explorer.Scenarios;

namespace Verified.Explorer;

/// <summary>
/// Replays a trace file against the scenario its header names, printing each decision as it is taken (so whatever
/// the program prints falls between the decisions around it), and says whether the bug came back. Exit status, as a
/// test of the bug: 1 when it reproduces (the bug is there), 0 when the whole schedule runs without any bug (fixed),
/// 3 when the run does not follow the trace (divergence, another bug, decisions left over): no verdict.
/// </summary>
internal static class ReplayCommand
{
    public const int Reproduced = 1;
    public const int NoBug = 0;
    public const int NoVerdict = 3;

    public static int Run(string path, Configuration configuration)
    {
        TraceFile trace = TraceFile.Load(path);
        Scenario scenario = ScenarioCatalog.Find(trace.Scenario)
            ?? throw new ArgumentException($"{path}: scenario '{trace.Scenario}' does not exist in this build");
        if (trace.Build != configuration.BuildVersion)
        {
            Console.WriteLine($"replay: note: trace written by build {trace.Build}, this is {configuration.BuildVersion}");
        }
        Console.WriteLine($"replay: {trace.Scenario} ({trace.Strategy}, seed {trace.Seed}, iteration {trace.Iteration}), " +
            $"{trace.Decisions.Count} decisions");
        Console.WriteLine("replay: step kind value [operation, or what the choice means]");
        ReplayReport report = TestingEngine.Replay(trace, configuration, scenario.Test, Print);
        string effort = $"{trace.Decisions.Count - report.UnusedDecisions} decisions ({report.Steps} scheduling " +
            $"step{(report.Steps == 1 ? "" : "s")})";
        if (report.Reproduced(trace))
        {
            Console.WriteLine($"replay: reproduced after {effort}: {report.Bug}");
            return Reproduced;
        }
        if (report.Divergence is null && report.Bug is null && report.UnusedDecisions == 0)
        {
            Console.WriteLine($"replay: the recorded bug did not come back: the schedule ran to its end without a bug");
            return NoBug;
        }
        Console.WriteLine(report.Divergence is { } divergence
            ? $"replay: {divergence}"
            : $"replay: the recorded bug did not come back (got: {report.Bug ?? "no bug"}, {report.UnusedDecisions} decisions unused)");
        return NoVerdict;
    }

    /// <summary>One line per decision, e.g. <c>replay:    3  op   2      writer-b</c> or
    /// <c>replay:    4  bool true   preempt sender</c>.</summary>
    private static void Print(TakenDecision taken)
    {
        string[] kindAndValue = taken.Decision.ToString().Split(' ', 2);
        string number = taken.Number.ToString(CultureInfo.InvariantCulture);
        string line = $"replay: {number,5}  {kindAndValue[0],-4} {kindAndValue[1],-5}";
        Console.WriteLine(taken.Meaning is { } meaning ? $"{line}  {meaning}" : line.TrimEnd());
    }
}
