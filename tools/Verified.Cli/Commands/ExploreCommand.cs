using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using Verified.Cli.Infrastructure;
using Verified.Cli.Testing;

namespace Verified.Cli.Commands;

/// <summary><c>verified explore</c>: systematic exploration of the scenarios; every bug found is saved as a trace.</summary>
internal static class ExploreCommand
{
    // Names given without --scenario mean the same: they cost nothing to keep and older scripts use them.
    private static readonly Argument<string[]> s_scenarios = new("scenarios")
    {
        Description = "Scenarios or groups to explore, as with --scenario",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string[]> s_scenario = new("--scenario")
    {
        Description = "A scenario or group to explore (default: all), e.g. engine/lost-update or kernel; repeatable, " +
            "or comma-separated; --list shows them",
    };

    private static readonly Option<string> s_strategy = new("--strategy")
    {
        Description = "random, pct (prioritization), fair-pct or dfs (bounded, exhaustive)",
        DefaultValueFactory = _ => "pct",
    };

    private static readonly Option<int> s_iterations = new("--iterations")
    {
        Description = "Schedules to explore per scenario",
        DefaultValueFactory = _ => 1_000,
    };

    private static readonly Option<ulong> s_seed = new("--seed") { Description = "Seed of the strategy's random choices" };

    private static readonly Option<int> s_maxSteps = new("--max-steps")
    {
        Description = "Scheduling steps per schedule before it is cut off",
        DefaultValueFactory = _ => 10_000,
    };

    // No default here: each strategy has its own (the explorer's).
    private static readonly Option<int?> s_depth = new("--depth")
    {
        Description = "pct, fair-pct: bug depth (priority change points + 1), default 3; dfs: choices per schedule it " +
            "branches on (later ones take the first branch, so every schedule ends), default 64",
    };

    private static readonly Option<int?> s_time = new("--time") { Description = "Time budget per scenario, seconds" };

    private static readonly Option<bool> s_list = new("--list") { Description = "List the scenarios and exit" };

    private static readonly Option<bool> s_mutants = new("--mutants")
    {
        Description = "Explore the kernel's planted bugs (the mutants build) only: each must be found and replay; " +
            "ends with mutants: K/N found",
    };

    private static readonly Option<bool> s_noMutants = new("--no-mutants")
    {
        Description = "Leave out the kernel's planted bugs: the real kernel's scenarios and the engine's models only",
    };

    public static Command Create()
    {
        var command = new Command("explore",
            "Explore scenarios under the systematic-testing engine; a bug's schedule is written to build/traces/ and " +
            "replayed at once; planted bugs must be found, other scenarios must have none. An unknown scenario or " +
            "strategy or a bad number is an error (exit 2) that lists what is valid");
        command.Arguments.Add(s_scenarios);
        foreach (Option option in new Option[] { s_scenario, s_strategy, s_iterations, s_seed, s_maxSteps, s_depth, s_time, s_list, s_mutants, s_noMutants })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            Workspace workspace = GlobalOptions.Workspace(parse);
            if (parse.GetValue(s_list))
            {
                return Explorer.Run(workspace, "explore", ["list"]).ExitCode;
            }
            var arguments = new List<string> { "explore" };
            arguments.AddRange(parse.GetValue(s_scenarios) ?? []);
            foreach (string names in parse.GetValue(s_scenario) ?? [])
            {
                arguments.AddRange(["--scenario", names]);
            }
            if (parse.GetValue(s_mutants))
            {
                arguments.Add("--mutants");
            }
            if (parse.GetValue(s_noMutants))
            {
                arguments.Add("--no-mutants");
            }
            arguments.AddRange(
            [
                "--strategy", parse.GetValue(s_strategy)!,
                "--iterations", Text(parse.GetValue(s_iterations)),
                "--seed", parse.GetValue(s_seed).ToString(CultureInfo.InvariantCulture),
                "--max-steps", Text(parse.GetValue(s_maxSteps)),
                "--traces", workspace.Build("traces"),
            ]);
            if (parse.GetValue(s_depth) is int depth)
            {
                arguments.AddRange(["--depth", Text(depth)]);
            }
            if (parse.GetValue(s_time) is int seconds)
            {
                arguments.AddRange(["--time", Text(seconds)]);
            }
            return Explorer.Run(workspace, "explore", arguments).ExitCode;
        });
        return command;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
