// Memory for `new` in a user program: a zeroing bump allocator over the heap the kernel's loader maps after the
// image (its size is in the program header). No garbage collector, as in the kernel; running out is a panic.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Verified.User.Runtime
{
    internal static unsafe class UserHeap
    {
        private static ulong s_next;

        [RuntimeExport("VerifiedAllocateZeroed")]
        private static byte* AllocateZeroed(ulong size, ulong alignment)
        {
            ulong start = HeapStart();
            ulong end = start + HeapSize();
            ulong next = s_next == 0 ? start : s_next;
            ulong aligned = (next + alignment - 1) & ~(alignment - 1);
            if (aligned > end || size > end - aligned)
            {
                UserPanic.Fail("out of heap memory");
            }
            s_next = aligned + size;
            // The loader maps the heap zeroed and nothing is freed, so fresh memory is already zero.
            return (byte*)aligned;
        }

        [RuntimeImport("*", "user_heap_start")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong HeapStart();

        [RuntimeImport("*", "user_heap_size")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong HeapSize();
    }
}
