// The kernel's boot information at the root task's window page 0 (kernel/Boot/BootInfo.cs, docs/boot.md): the
// modules to load and which of the root's frames are free memory.
namespace Verified.User.Root
{
    internal sealed unsafe class BootInformation
    {
        public const ulong Address = 0x4000_0000;
        private const ulong Magic = 0x4F46_4E49_544F_4F42;   // "BOOTINFO"
        private const int FirstModuleWord = 8, WordsPerModule = 8, MaxModules = 15;

        private BootInformation(BootModule[] modules, ulong frames, ulong firstFree)
        {
            Modules = modules;
            Frames = frames;
            FirstFree = firstFree;
        }

        public BootModule[] Modules { get; }

        /// <summary>Frames the root task owns: its window pages 0 .. Frames - 1.</summary>
        public ulong Frames { get; }

        /// <summary>The first of the free frames (those before it hold the boot information and the modules).</summary>
        public ulong FirstFree { get; }

        /// <summary>The boot information, or null when the page does not hold it (the kernel's bug).</summary>
        public static BootInformation? Read()
        {
            ulong* info = (ulong*)Address;
            if (info[0] != Magic || info[1] != 1 || info[2] > MaxModules || info[4] > info[3])
            {
                return null;
            }
            var modules = new BootModule[(int)info[2]];
            for (int i = 0; i < modules.Length; i++)
            {
                modules[i] = new BootModule(info + FirstModuleWord + i * WordsPerModule);
            }
            return new BootInformation(modules, info[3], info[4]);
        }
    }
}
