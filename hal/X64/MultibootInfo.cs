// The Multiboot v1 information structure and memory-map entries the loader passes in ebx.
using System.Runtime.InteropServices;

namespace Verified.Hal.X64
{
    // Layout fixed by the Multiboot 0.6.96 specification, section 3.3.
    [StructLayout(LayoutKind.Explicit)]
    public struct MultibootInfo
    {
        public const uint FlagModules = 1 << 3;
        public const uint FlagMemoryMap = 1 << 6;

        [FieldOffset(0)] public uint Flags;
        [FieldOffset(20)] public uint ModuleCount;
        [FieldOffset(24)] public uint ModuleAddress;
        [FieldOffset(44)] public uint MemoryMapLength;
        [FieldOffset(48)] public uint MemoryMapAddress;
    }

    // `Size` does not count itself: the next entry starts Size + 4 bytes further.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct MultibootMemoryMapEntry
    {
        public const uint TypeUsable = 1;

        public uint Size;
        public ulong BaseAddress;
        public ulong Length;
        public uint Type;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MultibootModule
    {
        public uint Start;
        public uint End;
        public uint Name;
        public uint Reserved;
    }
}
