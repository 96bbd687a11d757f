using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Verified.Coyote.SystematicTesting;
using Verified.Explorer.Scenarios;

namespace Verified.Explorer;

/// <summary>
/// Explores scenarios and writes a trace file for every bug found. A planted bug that is found (and replays from its
/// trace) is a success; a planted bug that is not found, or a bug in a scenario that should have none, is a failure.
/// With <c>mutants</c> (the kernel's planted bugs only) it ends with "mutants: K/N found": K found and replayed.
/// </summary>
internal static class ExploreCommand
{
    public static int Run(IReadOnlyList<Scenario> scenarios, Configuration configuration, string traceDirectory,
        bool mutants = false)
    {
        int failures = 0;
        Directory.CreateDirectory(traceDirectory);
        foreach (Scenario scenario in scenarios)
        {
            TestReport report = TestingEngine.Create(configuration, scenario.Name, scenario.Test).Run();
            string where = $"{report.Strategy}, seed {configuration.RandomGeneratorSeed}";
            string effort = Effort(report);
            if (report.Trace is { } trace)
            {
                string path = Path.Combine(traceDirectory, TraceName(scenario, report, configuration));
                trace.Save(path, report.TraceOperationNames);
                ReplayReport replay = TestingEngine.Replay(trace, configuration, scenario.Test);
                bool expected = scenario.PlantedBug is { } planted && report.BugReports[0].Contains(planted, StringComparison.Ordinal);
                bool replays = replay.Reproduced(trace);
                Console.WriteLine($"explore: {scenario.Name} ({where}): {(expected ? "planted bug found" : "BUG")} " +
                    $"after {effort}: {report.BugReports[0]}");
                Console.WriteLine($"explore:   trace {path}; replay {(replays ? "reproduces it" : "DOES NOT reproduce it: " + (replay.Divergence ?? replay.Bug ?? "no bug"))}");
                failures += expected && replays ? 0 : 1;
            }
            else if (scenario.ExpectsBug)
            {
                Console.WriteLine($"explore: {scenario.Name} ({where}): planted bug NOT found in {effort}");
                failures++;
            }
            else
            {
                Console.WriteLine($"explore: {scenario.Name} ({where}): no bug in {effort}{Coverage(report, configuration)}");
            }
        }
        Console.WriteLine($"explore: {scenarios.Count - failures} passed, {failures} failed");
        if (mutants)
        {
            Console.WriteLine($"mutants: {scenarios.Count - failures}/{scenarios.Count} found");
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Schedules and steps explored and how fast: the engine's reach is schedules per second (per strategy,
    /// as each line names its strategy). Reported, never asserted: wall-clock time depends on the machine.</summary>
    private static string Effort(TestReport report)
    {
        int schedules = report.NumOfExploredSchedules;
        double seconds = report.Elapsed.TotalSeconds;
        string rate = seconds > 0 ? (schedules / seconds).ToString("N0", CultureInfo.InvariantCulture) : "-";
        string perSchedule = schedules > 0
            ? ((double)report.TotalSteps / schedules).ToString("0.0", CultureInfo.InvariantCulture)
            : "0";
        return $"{schedules} schedules, {report.TotalSteps} steps ({perSchedule} a schedule), " +
            $"{seconds.ToString("0.00", CultureInfo.InvariantCulture)} s, {rate} schedules/s";
    }

    /// <summary>What a dfs run covered: the whole tree, the tree within its depth bound, or part of it.</summary>
    private static string Coverage(TestReport report, Configuration configuration) => report.Strategy != "dfs"
        ? ""
        : (report.Exhausted, report.DepthBoundReached) switch
        {
            (true, false) => ", every schedule within the bound (exhaustive)",
            (true, true) => $", every schedule within the bound: each branch of the first {configuration.DfsDepthBound} " +
                "choices, the first branch after them",
            (false, _) => $", not exhausted: the iteration or time budget ended the search first",
        };

    private static string TraceName(Scenario scenario, TestReport report, Configuration configuration) =>
        $"{scenario.Name.Replace('/', '.')}.{report.Strategy}.{configuration.RandomGeneratorSeed}.trace";
}
