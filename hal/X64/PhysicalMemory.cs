// Physical memory: a zeroing bump allocator over the largest usable region the Multiboot memory map
// reports above the kernel image (and above any boot modules). It backs every C# allocation.
using System.Runtime;
using Verified.Boot.Runtime;

namespace Verified.Hal.X64
{
    public static unsafe class PhysicalMemory
    {
        // boot/X64/Multiboot.S identity-maps the first 4 GiB; memory above it is not addressable yet.
        private const ulong IdentityMappedLimit = 4UL << 30;

        // Non-GC statics: the allocator must work before the runtime has allocated static bases.
        private static ulong s_next;
        private static ulong s_limit;
        private static ulong s_regionStart;

        public static ulong RegionStart => s_regionStart;

        public static ulong RegionEnd => s_limit;

        /// <summary>Where the next allocation starts (before alignment); free memory lies above it.</summary>
        public static ulong Next => s_next;

        public static ulong Used => s_next - s_regionStart;

        public static ulong Free => s_limit - s_next;

        public static void Initialize(MultibootInfo* info)
        {
            if ((info->Flags & MultibootInfo.FlagMemoryMap) == 0)
            {
                Panic.Halt("boot loader passed no memory map");
            }

            ulong floor = AlignUp(HighestBootData(info), 4096);
            ulong bestStart = 0;
            ulong bestEnd = 0;
            byte* entry = (byte*)(ulong)info->MemoryMapAddress;
            byte* end = entry + info->MemoryMapLength;
            while (entry < end)
            {
                MultibootMemoryMapEntry* e = (MultibootMemoryMapEntry*)entry;
                if (e->Type == MultibootMemoryMapEntry.TypeUsable)
                {
                    ulong start = Max(e->BaseAddress, floor);
                    ulong stop = Min(e->BaseAddress + e->Length, IdentityMappedLimit);
                    if (stop > start && stop - start > bestEnd - bestStart)
                    {
                        bestStart = start;
                        bestEnd = stop;
                    }
                }

                entry += e->Size + 4;
            }

            if (bestEnd == 0)
            {
                Panic.Halt("memory map reports no usable memory above the kernel image");
            }

            s_regionStart = bestStart;
            s_next = bestStart;
            s_limit = bestEnd;
        }

        /// <summary>Zeroed memory, never freed. Out of memory is a panic.</summary>
        [RuntimeExport("VerifiedAllocateZeroed")]
        public static byte* AllocateZeroed(ulong size, ulong alignment)
        {
            if (s_limit == 0)
            {
                Panic.Halt("allocation before PhysicalMemory.Initialize");
            }

            ulong start = AlignUp(s_next, alignment);
            if (start > s_limit || size > s_limit - start)
            {
                Serial.Write("out of memory: requested ");
                Serial.WriteDecimal(size);
                Serial.Write(" bytes, free ");
                Serial.WriteDecimal(s_limit - s_next);
                Serial.Write('\n');
                Panic.Halt("out of memory");
            }

            s_next = start + size;
            byte* memory = (byte*)start;
            for (ulong i = 0; i < size; i++)
            {
                memory[i] = 0;
            }

            return memory;
        }

        // The image (with .bss) and the modules QEMU loads after it must not be handed out.
        private static ulong HighestBootData(MultibootInfo* info)
        {
            ulong highest = (ulong)ImageSymbols.ImageEnd();
            if ((info->Flags & MultibootInfo.FlagModules) != 0)
            {
                MultibootModule* modules = (MultibootModule*)(ulong)info->ModuleAddress;
                for (uint i = 0; i < info->ModuleCount; i++)
                {
                    highest = Max(highest, modules[i].End);
                }
            }

            return highest;
        }

        private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);

        private static ulong Max(ulong a, ulong b) => a > b ? a : b;

        private static ulong Min(ulong a, ulong b) => a < b ? a : b;
    }
}
