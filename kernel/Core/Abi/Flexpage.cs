// The flexpage word of docs/abi.md section 4 (map and grant items, the receive window BR1, Unmap): rights in bits
// 0-2, order k in bits 4-9, a 2^k-page aligned base address inside the task's mapping window in bits 12-63.
namespace Verified.Kernel.Core.Abi
{
    public static class Flexpage
    {
        public const ulong Nil = 0;
        public const ulong WindowBase = 0x4000_0000;
        public const ulong WindowPages = 4096;
        public const ulong MaxOrder = 12;
        public const ulong AllRights = 7;
        private const ulong Reserved = 0x8 | 0xC00;   // bit 3, bits 10-11

        public static ulong Rights(ulong fpage) => fpage & AllRights;

        public static ulong Order(ulong fpage) => (fpage >> 4) & 0x3F;

        public static bool ReservedClear(ulong fpage) => (fpage & Reserved) == 0;

        /// <summary>The window page of the base; meaningful when <see cref="Fits"/> holds.</summary>
        public static ulong FirstPage(ulong fpage) => ((fpage & ~0xFFFUL) - WindowBase) >> 12;

        public static ulong Pages(ulong fpage) => 1UL << (int)Order(fpage);

        /// <summary>The order is at most MaxOrder and the 2^k pages lie inside the window, aligned to their size.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static bool Fits(ulong fpage)
        {
            ulong order = Order(fpage);
            ulong address = fpage & ~0xFFFUL;
            if (order > MaxOrder || address < WindowBase)
            {
                return false;
            }
            ulong page = (address - WindowBase) >> 12;
            ulong size = 1UL << (int)order;
            return page < WindowPages && (page & (size - 1)) == 0 && page + size <= WindowPages;
        }
    }
}
