// The root task: sigma0. Started by the kernel as task 0 with every frame of the mapping core in its window, the
// boot information at window page 0 (kernel/Boot/BootInfo.cs).
using Verified.User.Library;

namespace Verified.User
{
    internal static unsafe class Program
    {
        private const ulong BootInfoAddress = 0x4000_0000;
        private const ulong BootInfoMagic = 0x4F46_4E49_544F_4F42;

        public static int Main()
        {
            ulong* info = (ulong*)BootInfoAddress;
            if (info[0] != BootInfoMagic)
            {
                Sys.Print("root: no boot information at window page 0\n");
                return 1;
            }
            Sys.Print(string.Concat("root: ", info[2].ToString(), " modules, ", info[3].ToString(), " frames, first free ",
                info[4].ToString(), "\n"));
            return 0;
        }
    }
}
