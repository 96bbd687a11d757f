using System.Text.RegularExpressions;

namespace Verified.Cli.Testing;

/// <summary>Adds up the per-project summary lines of <c>dotnet test</c> ("Passed!  - Failed: 0, Passed: 12, ...").</summary>
internal static partial class DotnetTestSummary
{
    public static (int Passed, int Failed, int Projects) Parse(string output)
    {
        int passed = 0;
        int failed = 0;
        int projects = 0;
        foreach (Match match in SummaryPattern().Matches(output))
        {
            failed += int.Parse(match.Groups["failed"].Value);
            passed += int.Parse(match.Groups["passed"].Value);
            projects++;
        }
        return (passed, failed, projects);
    }

    [GeneratedRegex(@"(?:Passed|Failed)!\s+-\s+Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+),")]
    private static partial Regex SummaryPattern();
}
