using System.Text.RegularExpressions;

namespace Verified.Cli.Testing;

/// <summary>
/// Reads a boot's serial output: the kernel's self-check summary ("checks: N passed, M failed") and the selftest
/// task's ("selftest: N passed, M failed", the shared scenarios run in ring 3), each the last such line.
/// </summary>
internal static partial class SelfTestSummary
{
    public sealed record Counts(int Passed, int Failed);

    public sealed record Boot(Counts? Checks, Counts? Scenarios)
    {
        /// <summary>Both together; a missing summary counts as one failure (the run never got there).</summary>
        public Counts Total => new(
            (Checks?.Passed ?? 0) + (Scenarios?.Passed ?? 0),
            (Checks?.Failed ?? 1) + (Scenarios?.Failed ?? 1));
    }

    public static Boot ParseBoot(string serial) => new(Last(ChecksPattern(), serial), Last(SelfTestPattern(), serial));

    private static Counts? Last(Regex pattern, string serial)
    {
        MatchCollection matches = pattern.Matches(serial);
        if (matches.Count == 0)
        {
            return null;
        }
        Match last = matches[^1];
        return new Counts(int.Parse(last.Groups["passed"].Value), int.Parse(last.Groups["failed"].Value));
    }

    [GeneratedRegex(@"^checks: (?<passed>\d+) passed, (?<failed>\d+) failed\r?$", RegexOptions.Multiline)]
    private static partial Regex ChecksPattern();

    [GeneratedRegex(@"^selftest: (?<passed>\d+) passed, (?<failed>\d+) failed\r?$", RegexOptions.Multiline)]
    private static partial Regex SelfTestPattern();
}
