// Unsafe: reinterpretation and element arithmetic on managed references, for the verified core's array accesses
// (their indices are proved in bounds: tools/Verified.PostProcess/Rewriters/ProvedIndexAccess.cs and
// boot/Runtime/ProvedArray.cs). ILC supplies the body of an [Intrinsic] method of this class by name; the C# bodies
// below only run if it did not, and then stop the kernel instead of computing a wrong address.
using Internal.Runtime;

namespace System.Runtime.CompilerServices
{
    public static unsafe class Unsafe
    {
        [Intrinsic]
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ref TTo As<TFrom, TTo>(ref TFrom source)
        {
            RuntimeFailure.Fail("Unsafe.As was not compiled as an intrinsic");
            return ref As<TFrom, TTo>(ref source);
        }

        [Intrinsic]
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ref T AsRef<T>(void* source)
        {
            RuntimeFailure.Fail("Unsafe.AsRef was not compiled as an intrinsic");
            return ref AsRef<T>(source);
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
