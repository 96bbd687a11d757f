// The module header ILC emits and start-up walks (one per module listed in the __modules section).
using System.Runtime.InteropServices;

namespace Verified.Boot.Runtime
{
    // CONTRACT with runtime: 'RTR' signature, version, flags, section count, then that many rows.
    [StructLayout(LayoutKind.Sequential)]
    internal struct ReadyToRunHeader
    {
        public const uint ExpectedSignature = 0x00525452;

        public uint Signature;
        public ushort MajorVersion;
        public ushort MinorVersion;
        public uint Flags;
        public ushort NumberOfSections;
        public byte EntrySize;
        public byte EntryType;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct ModuleInfoRow
    {
        public int SectionId;
        public int Flags;
        public byte* Start;
        public byte* End;
    }

    // The section ids start-up needs (ILC's ReadyToRunSectionType).
    internal static class ReadyToRunSectionType
    {
        public const int GcStaticRegion = 201;
        public const int EagerCctor = 205;
        public const int ModuleInitializerList = 213;
    }
}
