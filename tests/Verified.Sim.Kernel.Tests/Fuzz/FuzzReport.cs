// The outcomes of a run by syscall, most frequent first, as "number: result x count" lines: shows which error
// paths and successes the generator reached (printed into the test's output, read when tuning the generator).
using System.Linq;
using System.Text;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal static class FuzzReport
    {
        public static string Outcomes(FuzzTrace trace)
        {
            var text = new StringBuilder();
            var byNumber = trace.Outcomes.GroupBy(o => o.Key.Number > 17 ? 17UL : o.Key.Number);
            foreach (var group in byNumber.OrderBy(g => g.Key))
            {
                text.Append(group.Key == 17 ? "unknown >16:" : $"{group.Key}:");
                var byResult = group.GroupBy(o => o.Key.Result, o => o.Value);
                foreach (var outcome in byResult.Select(g => (Result: g.Key, Count: g.Sum())).OrderByDescending(o => o.Count))
                {
                    text.Append($" 0x{outcome.Result:X}x{outcome.Count}");
                }
                text.AppendLine();
            }
            return text.ToString();
        }
    }
}
