// Stacks of created threads: one per UTCB slot (a slot is reused only after its thread is gone, so its stack is
// free again then), 16 KiB each, taken from the heap on first use and kept (nothing moves: there is no GC).
namespace Verified.User.Library
{
    internal static unsafe class ThreadStacks
    {
        public const int Slots = 24;
        public const int Words = 2048;

        private static readonly ulong[]?[] s_stacks = new ulong[]?[Slots];

        /// <summary>One past the highest word of the stack of UTCB slot <paramref name="utcbSlot"/> (16-byte aligned).</summary>
        public static ulong* Top(uint utcbSlot)
        {
            ulong[]? stack = s_stacks[utcbSlot % Slots];
            if (stack is null)
            {
                stack = new ulong[Words];
                s_stacks[utcbSlot % Slots] = stack;
            }
            fixed (ulong* first = &stack[0])
            {
                return (ulong*)((ulong)(first + Words) & ~0xFUL);
            }
        }
    }
}
