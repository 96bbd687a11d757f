// Boxing and unboxing of value types.
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System.Runtime
{
    // CONTRACT with runtime: ILC calls RhBox, RhUnbox2 and RhUnboxNullable by name in this class.
    internal static unsafe class RuntimeExports
    {
        // CONTRACT with runtime: a boxed value is a MethodTable pointer followed by the value's
        // bytes; BaseSize counts header and MethodTable pointer (16 bytes) plus the value.
        private const uint BoxOverhead = 16;

        private static void* RhBox(MethodTable* type, byte* data)
        {
            if (type->IsNullable)
            {
                RuntimeFailure.Fail("boxing Nullable<T> is not supported");
            }

            byte* box = (byte*)NewObject(type);
            SpanHelpers.Move(box + sizeof(MethodTable*), data, type->BaseSize - BoxOverhead);
            return box;
        }

        // Returns a reference to the boxed value; the box must hold exactly this type.
        private static byte* RhUnbox2(MethodTable* type, void* box)
        {
            if (box == null)
            {
                RuntimeFailure.Fail("NullReferenceException: unboxing null");
            }

            if (*(MethodTable**)box != type)
            {
                RuntimeFailure.InvalidCast();
            }

            return (byte*)box + sizeof(MethodTable*);
        }

        private static void RhUnboxNullable(byte* data, MethodTable* type, void* box) =>
            RuntimeFailure.Fail("unboxing to Nullable<T> is not supported");

        [RuntimeImport("*", "RhpNewFast")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void* NewObject(MethodTable* type);
    }
}
