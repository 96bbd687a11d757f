// The lines `./verified bench` reads (tools/Verified.Cli/Commands/BenchCommand.cs): one "bench: NAME = N
// instructions" per row, notes otherwise.
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static class Report
    {
        /// <summary>A row: the least run; when the runs disagree, their spread on a note line.</summary>
        public static void Row(string name, ulong best, ulong worst)
        {
            Machine.Print(string.Concat("bench: ", name, " = ", best.ToString(), " instructions\n"));
            if (worst != best)
            {
                Note(string.Concat(name, ": runs differ, ", best.ToString(), " .. ", worst.ToString()));
            }
        }

        public static void Failed(string name, int run, int iteration)
        {
            Note(string.Concat(name, " FAILED in run ", run.ToString(), ", iteration ", iteration.ToString()));
        }

        public static void Note(string text) => Machine.Print(string.Concat("bench: note: ", text, "\n"));
    }
}
