// What the root task (sigma0, task 0) starts with besides its image: the mapping core's frames, numbered as sigma0
// sees them at its window pages 0..frames-1 (docs/boot.md):
//   frame 0                 this page: the boot information below
//   frames 1..              the bytes of every boot module but the root's own, each from a page boundary
//   frames firstFree..      free memory, zeroed
// The page's words: 0 magic "BOOTINFO", 1 version (1), 2 module count, 3 frames, 4 first free frame, 5 timer ticks
// per second; from word 8, eight words per module: window address of its first byte, size in bytes, then its file
// name (48 bytes, NUL-padded).
using Verified.Hal.X64;
using Verified.Kernel.UserPrograms;

namespace Verified.Kernel.Boot
{
    internal static unsafe class BootInfo
    {
        public const ulong Magic = 0x4F46_4E49_544F_4F42;   // "BOOTINFO"
        public const ulong Version = 1;
        public const int MaxModules = 15;
        public const ulong TicksPerSecond = 1000;

        private const ulong PageSize = 4096;
        private const ulong WindowBase = TaskSpaces.WindowBase;
        private const int FirstModuleWord = 8, WordsPerModule = 8, NameBytes = 48;

        /// <summary>The frame table of the mapping core: the boot information page, the pages of every module except
        /// <paramref name="rootModule"/>, then <paramref name="freeFrames"/> zeroed pages; null when that is more than
        /// a window holds.</summary>
        public static ulong[]? Build(int rootModule, ulong freeFrames, out ulong modulePages)
        {
            modulePages = 0;
            int modules = 0;
            for (int i = 0; i < BootModules.Count; i++)
            {
                if (i != rootModule && modules < MaxModules)
                {
                    modulePages += (BootModules.SizeOf(i) + PageSize - 1) / PageSize;
                    modules++;
                }
            }
            ulong total = 1 + modulePages + freeFrames;
            if (total > TaskSpaces.WindowPages)
            {
                return null;
            }
            var frames = new ulong[(int)total];
            ulong* info = (ulong*)PhysicalMemory.AllocateZeroed(PageSize, PageSize);
            frames[0] = (ulong)info;
            int next = 1;
            int written = 0;
            for (int i = 0; i < BootModules.Count && written < modules; i++)
            {
                if (i == rootModule)
                {
                    continue;
                }
                // Multiboot flag 0 makes the loader place every module on a page boundary.
                ulong start = BootModules.StartOf(i);
                ulong size = BootModules.SizeOf(i);
                ulong* entry = info + FirstModuleWord + written * WordsPerModule;
                entry[0] = WindowBase + (ulong)next * PageSize;
                entry[1] = size;
                WriteName((byte*)(entry + 2), BootModules.NameOf(i));
                for (ulong p = 0; p * PageSize < size; p++)
                {
                    frames[next++] = start + p * PageSize;
                }
                written++;
            }
            int firstFree = next;
            byte* free = PhysicalMemory.AllocateZeroed(freeFrames * PageSize, PageSize);
            for (ulong f = 0; f < freeFrames; f++)
            {
                frames[next++] = (ulong)free + f * PageSize;
            }
            info[0] = Magic;
            info[1] = Version;
            info[2] = (ulong)written;
            info[3] = total;
            info[4] = (ulong)firstFree;
            info[5] = TicksPerSecond;
            return frames;
        }

        private static void WriteName(byte* target, string name)
        {
            for (int i = 0; i < name.Length && i < NameBytes - 1; i++)
            {
                target[i] = (byte)name[i];
            }
        }
    }
}
