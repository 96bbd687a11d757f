using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using Verified.Coyote.SystematicTesting;
using Verified.Explorer.Scenarios;

namespace Verified.Explorer;

/// <summary>
/// explore [SCENARIO|GROUP ...|--scenario S[,S...] ...|--mutants|--no-mutants] [--strategy S] [--iterations N] [--seed N] [--max-steps N] [--depth N]
///         [--time S] [--traces DIR] [--build V]
/// replay FILE [--build V]
/// list
/// (Called by ./verified, which documents the options; errors go to stderr with exit status 2.)
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            if (args.Length == 0)
            {
                throw new ArgumentException("usage: explore|replay|list ...");
            }
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            var positional = new List<string>();
            bool mutants = false;
            bool noMutants = false;
            for (int i = 1; i < args.Length; i++)
            {
                if (args[i] == "--mutants")
                {
                    mutants = true;
                }
                else if (args[i] == "--no-mutants")
                {
                    noMutants = true;
                }
                else if (args[i] == "--scenario")
                {
                    // Repeatable and comma-separated; the same as naming the scenarios as positional arguments.
                    positional.AddRange((i + 1 < args.Length ? args[++i] : throw new ArgumentException("--scenario needs a value"))
                        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }
                else if (args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    options[args[i]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                }
                else
                {
                    positional.Add(args[i]);
                }
            }
            Configuration configuration = Configure(options);
            switch (args[0])
            {
                case "list":
                    foreach (Scenario scenario in ScenarioCatalog.All)
                    {
                        Console.WriteLine($"{scenario.Name,-32} {(scenario.ExpectsBug ? "[planted bug] " : "")}{scenario.Description}");
                    }
                    return 0;
                case "explore":
                    if (mutants && positional.Count != 0)
                    {
                        throw new ArgumentException("--mutants explores the kernel's planted bugs: name no scenario with it");
                    }
                    if (mutants && noMutants)
                    {
                        throw new ArgumentException("--mutants and --no-mutants exclude each other");
                    }
                    IReadOnlyList<Scenario> selected = mutants ? ScenarioCatalog.Mutants : ScenarioCatalog.Select(positional);
                    if (noMutants)
                    {
                        // The real kernel and the engine's models: the planted kernel bugs have their own run (--mutants).
                        selected = selected.Where(s => !ScenarioCatalog.Mutants.Contains(s)).ToList();
                    }
                    return ExploreCommand.Run(selected, configuration, options.GetValueOrDefault("--traces", "traces"), mutants);
                case "replay":
                    return positional.Count == 1
                        ? ReplayCommand.Run(positional[0], configuration)
                        : throw new ArgumentException("replay takes one trace file");
                default:
                    throw new ArgumentException($"unknown command '{args[0]}'");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or System.IO.IOException)
        {
            Console.Error.WriteLine($"explorer: error: {ex.Message}");
            return 2;
        }
    }

    private static Configuration Configure(Dictionary<string, string> options)
    {
        int Int(string key, int fallback) => options.TryGetValue(key, out string? v) ? Positive(key, v) : fallback;
        Configuration configuration = Configuration.Create()
            .WithTestingIterations(Int("--iterations", 1_000))
            .WithMaxSchedulingSteps(Int("--max-steps", 10_000))
            .WithRandomGeneratorSeed(options.TryGetValue("--seed", out string? seed) ? Seed(seed) : 0)
            .WithBuildVersion(options.GetValueOrDefault("--build", "unknown"));
        if (options.TryGetValue("--time", out string? seconds))
        {
            configuration = configuration.WithTimeBudget(TimeSpan.FromSeconds(Positive("--time", seconds)));
        }
        string strategy = options.GetValueOrDefault("--strategy", "pct");
        configuration = strategy switch
        {
            "pct" or "fair-pct" => configuration.WithPrioritizationStrategy(strategy == "fair-pct", Int("--depth", 3) - 1),
            "random" => configuration.WithRandomStrategy(),
            "dfs" => configuration.WithDfsStrategy(Int("--depth", Configuration.DefaultDfsDepthBound)),
            _ => throw new ArgumentException($"unknown strategy '{strategy}'; valid strategies: random, pct, fair-pct, dfs"),
        };
        // Fail on a bad configuration now, not after the first scenario.
        TestingEngine.CreateStrategy(configuration);
        return configuration;
    }

    private static int Positive(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{option} takes a whole number from 1 to {int.MaxValue}, not '{text}'");

    private static ulong Seed(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new ArgumentException($"--seed takes a whole number from 0 to {ulong.MaxValue}, not '{text}'");
}
