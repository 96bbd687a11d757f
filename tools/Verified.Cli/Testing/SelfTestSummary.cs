using System.Text.RegularExpressions;

namespace Verified.Cli.Testing;

/// <summary>Reads the kernel's last self-check line, "selftest: N passed, M failed", from the serial output.</summary>
internal static partial class SelfTestSummary
{
    public static (int Passed, int Failed)? Parse(string serial)
    {
        MatchCollection matches = SummaryPattern().Matches(serial);
        if (matches.Count == 0)
        {
            return null;
        }
        Match last = matches[^1];
        return (int.Parse(last.Groups["passed"].Value), int.Parse(last.Groups["failed"].Value));
    }

    [GeneratedRegex(@"^selftest: (?<passed>\d+) passed, (?<failed>\d+) failed\r?$", RegexOptions.Multiline)]
    private static partial Regex SummaryPattern();
}
