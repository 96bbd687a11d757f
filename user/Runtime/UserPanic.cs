// A runtime failure in a user program (index out of range, invalid cast, out of heap...): say so on the debug
// console and end the program with ExitPanic. The kernel and the other programs go on.
using System.Runtime;
using Verified.User.Library;

namespace Verified.User.Runtime
{
    internal static class UserPanic
    {
        public const int ExitPanic = 0xDEAD;

        [RuntimeExport("VerifiedPanic")]
        public static void Fail(string message)
        {
            Sys.Print("user panic: ");
            Sys.Print(message);
            Sys.Print("\n");
            Sys.Exit(ExitPanic);
        }
    }
}
