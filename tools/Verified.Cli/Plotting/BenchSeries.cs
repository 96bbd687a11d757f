using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Verified.Cli.Boot;

namespace Verified.Cli.Plotting;

/// <summary>One measurement of a series: guest instructions at a message size.</summary>
internal readonly record struct BenchPoint(int Words, long Instructions);

/// <summary>
/// The bench rows that vary with message size ("roundtrip cross-AS 8 words"), grouped by everything before the size:
/// one line of the bench plot each. Rows without a size (null syscall, map item, ...) belong to no series.
/// </summary>
internal sealed partial record BenchSeries(string Name, IReadOnlyList<BenchPoint> Points)
{
    /// <summary>Series in the order their first row appears (the bench task's order, so the legend matches the
    /// table), points sorted by size; a size measured twice keeps its first row.</summary>
    public static IReadOnlyList<BenchSeries> From(IReadOnlyList<BenchRow> rows)
    {
        var order = new List<string>();
        var points = new Dictionary<string, List<BenchPoint>>();
        foreach (BenchRow row in rows)
        {
            Match match = SizedRow().Match(row.Name);
            if (!match.Success
                || !int.TryParse(match.Groups["words"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int words))
            {
                continue;
            }
            string name = match.Groups["series"].Value;
            if (!points.TryGetValue(name, out List<BenchPoint>? list))
            {
                order.Add(name);
                points[name] = list = [];
            }
            if (!list.Any(point => point.Words == words))
            {
                list.Add(new BenchPoint(words, row.Instructions));
            }
        }
        return order.Select(name => new BenchSeries(name, points[name].OrderBy(point => point.Words).ToList())).ToList();
    }

    [GeneratedRegex(@"^(?<series>.+) (?<words>\d+) words$")]
    private static partial Regex SizedRow();
}
