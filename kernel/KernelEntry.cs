// The C# entry point boot/X64/Multiboot.S calls once long mode, paging and an early IDT are up.
using System.Runtime;
using Verified.Hal.X64;

namespace Verified.Kernel
{
    internal static unsafe class KernelEntry
    {
        [RuntimeExport("KernelEntry")]
        private static void Enter(uint multibootInfo) => Kernel.Init((MultibootInfo*)(ulong)multibootInfo);
    }
}
