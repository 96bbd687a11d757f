// Casts (`is`, `as`, explicit casts) and stores into arrays of references.
using Internal.Runtime;

namespace System.Runtime
{
    // CONTRACT with runtime: ILC calls these methods by name for casts it cannot decide at compile
    // time and for covariant array stores (argument order: target type first, then the object).
    // Variance of generic interfaces is not supported: such casts fail (the kernel does not use them).
    internal static unsafe class TypeCast
    {
        // CONTRACT with runtime: array length at offset 8, elements at offset 16 (System.Array).
        private const int LengthOffset = 8;
        private const int ElementsOffset = 16;

        private static void* IsInstanceOfClass(MethodTable* target, void* obj) => IsInstanceOfAny(target, obj);

        private static void* IsInstanceOfInterface(MethodTable* target, void* obj) => IsInstanceOfAny(target, obj);

        private static void* IsInstanceOfException(MethodTable* target, void* obj) => IsInstanceOfAny(target, obj);

        private static void* IsInstanceOfAny(MethodTable* target, void* obj)
        {
            if (obj == null || IsAssignable(*(MethodTable**)obj, target))
            {
                return obj;
            }

            return null;
        }

        private static void* CheckCastClass(MethodTable* target, void* obj) => CheckCastAny(target, obj);

        private static void* CheckCastClassSpecial(MethodTable* target, void* obj) => CheckCastAny(target, obj);

        private static void* CheckCastInterface(MethodTable* target, void* obj) => CheckCastAny(target, obj);

        private static void* CheckCastAny(MethodTable* target, void* obj)
        {
            if (obj != null && !IsAssignable(*(MethodTable**)obj, target))
            {
                RuntimeFailure.Fail("InvalidCastException: object is not of the target type");
            }

            return obj;
        }

        private static void StelemRef(byte* array, nint index, void* value)
        {
            void** slot = ElementAddress(array, index);
            if (value != null && !IsAssignable(*(MethodTable**)value, (*(MethodTable**)array)->RelatedType))
            {
                RuntimeFailure.Fail("ArrayTypeMismatchException: element type does not match the array");
            }

            *slot = value;
        }

        private static void** LdelemaRef(byte* array, nint index, MethodTable* elementType)
        {
            void** slot = ElementAddress(array, index);
            if ((*(MethodTable**)array)->RelatedType != elementType)
            {
                RuntimeFailure.Fail("ArrayTypeMismatchException: reference to an element of a covariant array");
            }

            return slot;
        }

        internal static bool IsAssignable(MethodTable* source, MethodTable* target)
        {
            if (source == target)
            {
                return true;
            }

            if (target->IsInterface)
            {
                return Implements(source, target);
            }

            if (source->IsArray)
            {
                return target->IsArray && ArrayElementsAssignable(source, target);
            }

            // Walk the base-type chain (RelatedType of a canonical class is its base class).
            for (MethodTable* t = source; t != null && t->IsCanonical; t = t->RelatedType)
            {
                if (t == target)
                {
                    return true;
                }
            }

            return false;
        }

        // The interface map lists every interface the type implements, inherited ones included.
        private static bool Implements(MethodTable* type, MethodTable* itf)
        {
            MethodTable** map = type->InterfaceMap;
            for (int i = 0; i < type->NumInterfaces; i++)
            {
                if (map[i] == itf)
                {
                    return true;
                }
            }

            return false;
        }

        // Array covariance for reference elements: string[] is an object[].
        private static bool ArrayElementsAssignable(MethodTable* source, MethodTable* target)
        {
            if (source->ElementType != target->ElementType || source->BaseSize != target->BaseSize)
            {
                return false;
            }

            MethodTable* from = source->RelatedType;
            MethodTable* to = target->RelatedType;
            return from == to || (!from->IsValueType && !to->IsValueType && IsAssignable(from, to));
        }

        private static void** ElementAddress(byte* array, nint index)
        {
            if (array == null)
            {
                RuntimeFailure.Fail("NullReferenceException: array is null");
            }

            if ((ulong)index >= (uint)*(int*)(array + LengthOffset))
            {
                RuntimeFailure.IndexOutOfRange();
            }

            return (void**)(array + ElementsOffset) + index;
        }
    }
}
