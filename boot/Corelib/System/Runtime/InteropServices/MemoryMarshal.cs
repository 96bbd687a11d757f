// MemoryMarshal.GetArrayDataReference: a reference to an array's first element without a bounds check (the layout is
// System.Array's contract). ILC supplies the body of this [Intrinsic] method by name; the C# body only runs if it did
// not, and then stops the kernel.
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System.Runtime.InteropServices
{
    public static class MemoryMarshal
    {
        [Intrinsic]
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ref T GetArrayDataReference<T>(T[] array)
        {
            RuntimeFailure.Fail("MemoryMarshal.GetArrayDataReference was not compiled as an intrinsic");
            return ref array[0];
        }
    }
}
