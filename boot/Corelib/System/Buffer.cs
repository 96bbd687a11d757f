// Buffer: copies of memory that may contain object references.
namespace System
{
    // CONTRACT with runtime: ILC calls BulkMoveWithWriteBarrier by name for copies of structs that
    // hold references. Without a GC the write barrier is nothing: a plain move.
    public static class Buffer
    {
        internal static void BulkMoveWithWriteBarrier(ref byte destination, ref byte source, nuint length) =>
            SpanHelpers.Memmove(ref destination, ref source, length);
    }
}
