using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Verified.Cli.Verification;

/// <summary>What one <c>dafny verify</c> run reported for one file.</summary>
internal sealed partial record DafnyOutcome(int Verified, int Errors, IReadOnlyList<string> Diagnostics)
{
    /// <summary>Reads Dafny's summary line and its located diagnostics (<c>file(line,col): Error: ...</c>).</summary>
    public static DafnyOutcome Parse(string output, int exitCode)
    {
        int verified = 0;
        int errors = 0;
        Match summary = SummaryPattern().Match(output);
        if (summary.Success)
        {
            verified = int.Parse(summary.Groups["verified"].Value);
            errors = int.Parse(summary.Groups["errors"].Value);
            // "1 out of resource" and "1 time out" are failures too, reported after the error count.
            foreach (Capture extra in summary.Groups["extra"].Captures)
            {
                errors += int.Parse(extra.Value);
            }
        }
        List<string> diagnostics = output.Split('\n')
            .Select(line => line.TrimEnd())
            .Where(line => DiagnosticPattern().IsMatch(line))
            .ToList();
        if (exitCode != 0 && errors == 0)
        {
            // Resolution and type errors end the run before any summary line.
            errors = System.Math.Max(1, diagnostics.Count(d => d.Contains("Error", System.StringComparison.Ordinal)));
        }
        return new DafnyOutcome(verified, errors, diagnostics);
    }

    [GeneratedRegex(@"finished with (?<verified>\d+) verified, (?<errors>\d+) errors?(?:, (?<extra>\d+) (?:out of resource|time outs?|inconclusive))*")]
    private static partial Regex SummaryPattern();

    [GeneratedRegex(@"\(\d+,\d+\): (Error|Warning|Related location)")]
    private static partial Regex DiagnosticPattern();
}
