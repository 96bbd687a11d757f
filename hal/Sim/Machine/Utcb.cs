// The user thread control block: one 4 KiB page per thread, mapped user-writable and no-execute in the thread's
// address space at UTCB slot k: AreaBase + k * 4096 (docs/abi.md, "UTCB"). The kernel reads and writes it through its
// physical frame (it is pinned: never unmapped while the thread lives), so kernel accesses to it cannot fault.
using System;

namespace Verified.Hal.Sim.Machine
{
    public readonly struct Utcb
    {
        /// <summary>Virtual base of the UTCB area: just above the 16 MiB window the mapping core manages
        /// (SoftPageTables.UserBase + 4096 pages), so map and grant can never touch a UTCB.</summary>
        public const ulong AreaBase = SoftPageTables.UserBase + 4096 * SoftPageTables.PageSize;

        public const int MaxSlots = 256;

        // Word indices (8-byte words).
        public const int MessageRegisters = 64;     // MR0..MR63 at words 0..63 (MR0..MR8 travel in registers)
        public const int BufferRegisterBase = 64;   // BR0..BR31 at words 64..95
        public const int BufferRegisters = 32;
        public const int ThreadLocalWord = 96;      // user-owned: the thread's TLS pointer
        public const int ErrorDetailWord = 97;      // kernel-written: detail of the last IPC error (docs/abi.md)
        public const int TransferredWord = 99;      // kernel-written: bytes of string items moved before an abort
        public const int ThreadIdWord = 100;        // kernel-written: the thread's own global id
        public const int Words = 512;

        private readonly SimPhysicalMemory _memory;

        public Utcb(SimPhysicalMemory memory, ulong frame, ulong virtualAddress)
        {
            _memory = memory;
            Frame = frame;
            VirtualAddress = virtualAddress;
        }

        /// <summary>Physical address of the UTCB page.</summary>
        public ulong Frame { get; }

        /// <summary>Where the thread sees it.</summary>
        public ulong VirtualAddress { get; }

        public static ulong SlotAddress(int slot) =>
            (uint)slot < MaxSlots ? AreaBase + (ulong)slot * SimPhysicalMemory.PageSize : throw new ArgumentOutOfRangeException(nameof(slot));

        public ulong this[int word]
        {
            get => _memory.ReadUInt64(WordAddress(word));
            set => _memory.WriteUInt64(WordAddress(word), value);
        }

        public ulong GetMr(int index) => this[CheckIndex(index, MessageRegisters)];

        public void SetMr(int index, ulong value) => this[CheckIndex(index, MessageRegisters)] = value;

        public ulong GetBr(int index) => this[BufferRegisterBase + CheckIndex(index, BufferRegisters)];

        public void SetBr(int index, ulong value) => this[BufferRegisterBase + CheckIndex(index, BufferRegisters)] = value;

        private ulong WordAddress(int word) =>
            (uint)word < Words ? Frame + (ulong)word * 8 : throw new ArgumentOutOfRangeException(nameof(word));

        private static int CheckIndex(int index, int count) =>
            (uint)index < (uint)count ? index : throw new ArgumentOutOfRangeException(nameof(index));
    }
}
