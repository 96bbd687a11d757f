// A C# program with a bug the runtime catches: an array index out of range. In ring 3 that is the program's end
// (a "user panic" line and exit code 0xDEAD), not the kernel's.
using Verified.User.Library;

namespace Verified.User
{
    internal static class Program
    {
        public static int Main()
        {
            int[] values = new int[4];
            int index = values.Length;
            Sys.Print("overrun: indexing past the end\n");
            values[index] = 1;
            return 0;
        }
    }
}
