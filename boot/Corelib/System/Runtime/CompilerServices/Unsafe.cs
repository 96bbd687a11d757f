// Unsafe.Add: element arithmetic on a managed reference, for the verified core's array accesses (their indices are
// proved in bounds: tools/Verified.PostProcess/Rewriters/ProvedIndexAccess.cs). ILC supplies the body of an
// [Intrinsic] method of this class by name (one add of index times element size); the C# body below only runs if it
// did not, and then stops the kernel instead of computing a wrong address.
using Internal.Runtime;

namespace System.Runtime.CompilerServices
{
    public static unsafe class Unsafe
    {
        [Intrinsic]
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ref T Add<T>(ref T source, int elementOffset)
        {
            RuntimeFailure.Fail("Unsafe.Add was not compiled as an intrinsic");
            return ref source;
        }

        [Intrinsic]
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ref T Add<T>(ref T source, nuint elementOffset)
        {
            RuntimeFailure.Fail("Unsafe.Add was not compiled as an intrinsic");
            return ref source;
        }
    }
}
