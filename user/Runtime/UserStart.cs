// A user program's start: the shared runtime's start-up (statics, class constructors), then the program's Main,
// whose result becomes the exit code.
using System.Runtime;
using Verified.Boot.Runtime;
using Verified.User.Library;

namespace Verified.User.Runtime
{
    internal static class UserStart
    {
        [RuntimeExport("UserStart")]
        private static void Start()
        {
            Startup.Run();
            int code = Program.Main();
            Sys.Exit(code);
        }
    }
}
