using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Verified.Coyote.Runtime;

namespace Verified.Coyote.SystematicTesting;

/// <summary>
/// A bug's schedule as a readable text file: a header (scenario, strategy, seed, iteration, build, the bug) and then
/// one decision per line, commented with the operation's name, e.g. <c>op 2   # receiver</c>.
/// </summary>
public sealed record TraceFile(
    string Scenario, string Strategy, ulong Seed, int Iteration, string Build, string Bug, IReadOnlyList<Decision> Decisions)
{
    private const string Magic = "# Verified systematic-testing trace";
    private const string Separator = "--";

    public string ToText(IReadOnlyDictionary<int, string>? operationNames = null)
    {
        var text = new StringBuilder();
        text.AppendLine(Magic);
        text.AppendLine($"scenario: {Scenario}");
        text.AppendLine($"strategy: {Strategy}");
        text.AppendLine(CultureInfo.InvariantCulture, $"seed: {Seed}");
        text.AppendLine(CultureInfo.InvariantCulture, $"iteration: {Iteration}");
        text.AppendLine($"build: {Build}");
        text.AppendLine($"bug: {Bug.ReplaceLineEndings(" ")}");
        text.AppendLine(Separator);
        foreach (Decision decision in Decisions)
        {
            string? name = null;
            if (decision.Kind == DecisionKind.Schedule)
            {
                operationNames?.TryGetValue(decision.Value, out name);
            }
            text.AppendLine(name is null ? decision.ToString() : $"{decision}   # {name}");
        }
        return text.ToString();
    }

    public void Save(string path, IReadOnlyDictionary<int, string>? operationNames = null) =>
        File.WriteAllText(path, ToText(operationNames));

    public static TraceFile Load(string path) => Parse(File.ReadAllText(path), path);

    public static TraceFile Parse(string text, string source = "trace")
    {
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != Magic)
        {
            throw new FormatException($"{source}: not a trace file (first line must be '{Magic}')");
        }
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        int i = 1;
        for (; i < lines.Length && lines[i].Trim() != Separator; i++)
        {
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                header[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
        }
        if (i == lines.Length)
        {
            throw new FormatException($"{source}: no '{Separator}' line between header and decisions");
        }
        var decisions = new List<Decision>();
        for (i++; i < lines.Length; i++)
        {
            string line = lines[i];
            int comment = line.IndexOf('#', StringComparison.Ordinal);
            line = (comment >= 0 ? line[..comment] : line).Trim();
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                decisions.Add(Decision.Parse(line));
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{source}({i + 1}): {ex.Message}");
            }
        }
        string Field(string key) => header.TryGetValue(key, out string? value)
            ? value
            : throw new FormatException($"{source}: header has no '{key}:' line");
        return new TraceFile(Field("scenario"), Field("strategy"),
            ulong.Parse(Field("seed"), CultureInfo.InvariantCulture), int.Parse(Field("iteration"), CultureInfo.InvariantCulture),
            Field("build"), Field("bug"), decisions);
    }

    /// <summary>Names of the operations of a run, for the comments of the decision lines.</summary>
    public static IReadOnlyDictionary<int, string> NamesOf(IEnumerable<ControlledOperation> operations) =>
        operations.ToDictionary(o => o.Id, o => o.Name);
}
