using System.Text.RegularExpressions;

namespace Verified.Cli.Testing;

/// <summary>Reads the explorer's last line, "explore: N passed, M failed".</summary>
internal static partial class ExploreSummary
{
    public static (int Passed, int Failed)? Parse(string output)
    {
        MatchCollection matches = SummaryPattern().Matches(output);
        return matches.Count == 0
            ? null
            : (int.Parse(matches[^1].Groups["passed"].Value), int.Parse(matches[^1].Groups["failed"].Value));
    }

    [GeneratedRegex(@"^explore: (?<passed>\d+) passed, (?<failed>\d+) failed\r?$", RegexOptions.Multiline)]
    private static partial Regex SummaryPattern();
}
