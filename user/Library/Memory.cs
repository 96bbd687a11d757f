// Memory of docs/abi.md: flexpages, the receive acceptor in the UTCB (BR0..BR2), string buffers (BR0 bits 8-15,
// BR3..) and syscall 11 Unmap. Items are built with TypedItem.
namespace Verified.User.Library
{
    public static class Memory
    {
        public const ulong WindowBase = 0x4000_0000;
        public const ulong PageSize = 4096;
        public const ulong WindowPages = 4096;
        public const ulong RightsX = 1;
        public const ulong RightsW = 2;
        public const ulong RightsR = 4;
        public const ulong RightsRW = 6;
        public const ulong RightsAll = 7;
        public const ulong AcceptMap = 1;
        public const ulong AcceptCapabilities = 2;
        public const ulong UnmapOwn = 1;
        public const int MaxStringBuffers = 14;
        private const uint FirstBufferBr = 3;

        /// <summary>Window page <paramref name="page"/>'s address.</summary>
        public static ulong Page(ulong page) => WindowBase + page * PageSize;

        /// <summary>The flexpage of 2^<paramref name="order"/> pages at <paramref name="address"/> with
        /// <paramref name="rights"/> (no checks: scenarios build malformed ones on purpose).</summary>
        public static ulong Flexpage(ulong address, int order, ulong rights) =>
            (address & ~0xFFFUL) | ((ulong)(uint)order << 4) | rights;

        /// <summary>What this thread's next receive phases accept: map and grant items into <paramref name="window"/>
        /// (0: none) and, when <paramref name="acceptCapabilities"/>, capability items from slot
        /// <paramref name="capabilitySlot"/> on. Keeps the string-buffer count.</summary>
        public static void Accept(ulong window, bool acceptCapabilities, uint capabilitySlot)
        {
            ulong buffers = Utcb.GetBr(0) & 0xFF00;
            Utcb.SetBr(0, buffers | (window != 0 ? AcceptMap : 0) | (acceptCapabilities ? AcceptCapabilities : 0));
            Utcb.SetBr(1, window);
            Utcb.SetBr(2, acceptCapabilities ? capabilitySlot : 0);
        }

        /// <summary>Accepts nothing: no map items, no capability items, no strings.</summary>
        public static void AcceptNothing()
        {
            Utcb.SetBr(0, 0);
            Utcb.SetBr(1, 0);
            Utcb.SetBr(2, 0);
        }

        /// <summary>String buffer <paramref name="index"/> (0..13): incoming string bytes fill the buffers in order;
        /// <paramref name="count"/> buffers are in use.</summary>
        public static void SetStringBuffer(int index, int count, ulong address, ulong length)
        {
            Utcb.SetBr(0, (Utcb.GetBr(0) & ~0xFF00UL) | ((ulong)(uint)count << 8));
            Utcb.SetBr(FirstBufferBr + 2 * (uint)index, length);
            Utcb.SetBr(FirstBufferBr + 2 * (uint)index + 1, address);
        }

        /// <summary>Syscall 11: what was derived from the flexpage's pages loses its rights field's rights; with
        /// <paramref name="own"/> the caller's own mappings go too. Returns rax.</summary>
        public static ulong Unmap(ulong flexpage, bool own) => UnmapRaw(flexpage, own ? UnmapOwn : 0);

        public static ulong UnmapRaw(ulong flexpage, ulong flags) => Syscall.Invoke(SyscallNumbers.Unmap, flexpage, flags);
    }
}
