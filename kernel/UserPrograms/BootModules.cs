// The Multiboot modules the boot loader placed in memory (QEMU -initrd a,b,c): user programs, found by file name.
using Verified.Hal.X64;

namespace Verified.Kernel.UserPrograms
{
    internal static unsafe class BootModules
    {
        private const int Capacity = 16;
        private const int MaxName = 64;
        private static readonly ulong[] s_start = new ulong[Capacity];
        private static readonly ulong[] s_end = new ulong[Capacity];
        private static readonly ulong[] s_name = new ulong[Capacity];

        public static int Count { get; private set; }

        /// <summary>Records the modules; the memory they occupy is never handed out (PhysicalMemory starts above).</summary>
        public static void Initialize(MultibootInfo* info)
        {
            if ((info->Flags & MultibootInfo.FlagModules) == 0)
            {
                return;
            }
            var modules = (MultibootModule*)(ulong)info->ModuleAddress;
            for (uint i = 0; i < info->ModuleCount && Count < Capacity; i++)
            {
                if (modules[i].End < modules[i].Start)
                {
                    continue; // a malformed entry: skip it rather than trust it
                }
                s_start[Count] = modules[i].Start;
                s_end[Count] = modules[i].End;
                s_name[Count] = modules[i].Name;
                Count++;
            }
        }

        public static ulong StartOf(int i) => s_start[i];

        public static ulong SizeOf(int i) => s_end[i] - s_start[i];

        /// <summary>The module's file name: the last part of the first word of its command line (at most 4 KiB).</summary>
        public static string NameOf(int i)
        {
            byte* line = (byte*)s_name[i];
            if (line == null)
            {
                return "";
            }
            int length = 0;
            while (length < 4096 && line[length] != 0 && line[length] != ' ')
            {
                length++;
            }
            int first = length;
            while (first > 0 && line[first - 1] != '/')
            {
                first--;
            }
            if (length - first > MaxName)
            {
                first = length - MaxName;
            }
            char* chars = stackalloc char[MaxName];
            for (int k = first; k < length; k++)
            {
                chars[k - first] = (char)line[k];
            }
            return new string(chars, 0, length - first);
        }

        /// <summary>The module whose command line ends in <paramref name="fileName"/> (a path's last part).</summary>
        public static bool Find(string fileName, out byte* start, out ulong size)
        {
            for (int i = 0; i < Count; i++)
            {
                if (s_name[i] != 0 && EndsWithFileName((byte*)s_name[i], fileName))
                {
                    start = (byte*)s_start[i];
                    size = s_end[i] - s_start[i];
                    return true;
                }
            }
            start = null;
            size = 0;
            return false;
        }

        private static bool EndsWithFileName(byte* commandLine, string fileName)
        {
            int length = 0;
            while (length < 4096 && commandLine[length] != 0 && commandLine[length] != ' ')
            {
                length++;
            }
            if (length < fileName.Length)
            {
                return false;
            }
            int offset = length - fileName.Length;
            if (offset > 0 && commandLine[offset - 1] != '/')
            {
                return false;
            }
            for (int i = 0; i < fileName.Length; i++)
            {
                if (commandLine[offset + i] != fileName[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
