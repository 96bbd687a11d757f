// The kernel's Global Descriptor Table, rebuilt in C# to add user segments and the TSS.
namespace Verified.Hal.X64
{
    public static unsafe class Gdt
    {
        // Selector order follows SYSRET's rule (user data right below user code) so that later
        // system-call support needs no reshuffle.
        public const ushort KernelCode = 0x08;
        public const ushort KernelData = 0x10;
        public const ushort UserData = 0x18 | 3;
        public const ushort UserCode = 0x20 | 3;
        public const ushort TaskState = 0x28;

        private const int EntryCount = 7; // null, 4 segments, TSS (two entries)

        private static GdtTable s_table;

        public static void Initialize()
        {
            Tss.Initialize();
            s_table.Entries[0] = 0;
            s_table.Entries[1] = 0x00AF9A000000FFFF; // 64-bit code, DPL 0
            s_table.Entries[2] = 0x00CF92000000FFFF; // data, DPL 0
            s_table.Entries[3] = 0x00CFF2000000FFFF; // data, DPL 3
            s_table.Entries[4] = 0x00AFFA000000FFFF; // 64-bit code, DPL 3
            SetTssDescriptor((ulong)Tss.Address, Tss.Limit);

            DescriptorTablePointer pointer;
            fixed (ulong* entries = s_table.Entries)
            {
                pointer.Base = (ulong)entries;
            }

            pointer.Limit = EntryCount * 8 - 1;
            Cpu.LoadGdt(&pointer, KernelCode, KernelData);
            Cpu.LoadTaskRegister(TaskState);
        }

        // A 64-bit TSS descriptor spans two entries: type 9 (available TSS), present, base and limit.
        private static void SetTssDescriptor(ulong baseAddress, uint limit)
        {
            ulong low = limit & 0xFFFF;
            low |= (baseAddress & 0xFFFFFF) << 16;
            low |= 0x89UL << 40;
            low |= (ulong)((limit >> 16) & 0xF) << 48;
            low |= ((baseAddress >> 24) & 0xFF) << 56;
            s_table.Entries[5] = low;
            s_table.Entries[6] = baseAddress >> 32;
        }

        private struct GdtTable
        {
            public fixed ulong Entries[EntryCount];
        }
    }
}
