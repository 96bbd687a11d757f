// The lines `./verified bench` reads (tools/Verified.Cli/Commands/BenchCommand.cs): one "bench: NAME = N
// instructions" per row, notes otherwise.
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static class Report
    {
        /// <summary>A row: the least run; a note with the share of samples at the median (the least over the runs)
        /// and, when the runs disagree, their spread.</summary>
        public static void Row(string name, ulong best, ulong worst, int share, int samples)
        {
            Machine.Print(string.Concat("bench: ", name, " = ", best.ToString(), " instructions\n"));
            Note(string.Concat(name, ": in each run at least ", share.ToString(), " of ", samples.ToString(), " samples equal its median",
                worst != best ? string.Concat("; runs differ, ", best.ToString(), " .. ", worst.ToString()) : ""));
        }

        public static void Failed(string name, int run, int iteration)
        {
            Note(string.Concat(name, " FAILED in run ", run.ToString(), ", iteration ", iteration.ToString()));
        }

        public static void Note(string text) => Machine.Print(string.Concat("bench: note: ", text, "\n"));
    }
}
