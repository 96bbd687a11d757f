// The demo task, loaded and paged in by the root task beside the selftest: a pager in user space, a file server that
// remaps one window page per block, and an interrupt-driven driver for COM1's receive line, each announced on the
// serial line ("demo: ..."). Its result goes to the root task like the selftest's.
using Verified.User.Demo;
using Verified.User.Library;

namespace Verified.User
{
    internal static class Program
    {
        private const uint ServiceSlot = 63;
        private const ulong ReportLabel = 1;

        public static int Main()
        {
            int passed = 0, failed = 0;
            Count(PagerDemo.Run(), ref passed, ref failed);
            Count(FileServerDemo.Run(), ref passed, ref failed);
            Count(SerialDriverDemo.Run(), ref passed, ref failed);
            Machine.Print(string.Concat("demo: ", passed.ToString(), " of 3 demos worked\n"));
            Ipc.Call(ServiceSlot, ReportLabel, new ulong[] { (ulong)passed, (ulong)failed });
            return failed == 0 ? 0 : 1;
        }

        private static void Count(bool worked, ref int passed, ref int failed)
        {
            if (worked)
            {
                passed++;
            }
            else
            {
                failed++;
            }
        }
    }
}
