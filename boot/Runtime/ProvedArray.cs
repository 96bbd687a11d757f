// The element of an array the verified core keeps in a field, at an index the core's proof puts in range
// (tools/Verified.PostProcess/Rewriters/ProvedIndexAccess.cs), reached with no length and no null check. Dafny arrays
// are never null, and this runtime has no collector: an array's address, read from the field as a number, stays
// valid for as long as the kernel runs. (The hosted build's collector moves objects; the post-processor's tests use
// an equivalent built on MemoryMarshal.GetArrayDataReference.)
using System.Runtime.CompilerServices;

namespace Verified.Boot.Runtime
{
    public static unsafe class ProvedArray
    {
        // CONTRACT with runtime: an array's elements start 16 bytes after the reference (System.Array).
        private const nuint ElementsOffset = 16;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ref T At<T>(ref T[] field, nuint index)
        {
            void* elements = (void*)(Unsafe.As<T[], nuint>(ref field) + ElementsOffset);
            return ref Unsafe.Add(ref Unsafe.AsRef<T>(elements), index);
        }
    }
}
