// Object and array allocation: the entry points ILC-generated code calls for `new`.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace Verified.Boot.Runtime
{
    // No garbage collector: objects live forever. Memory comes zeroed from the machine's allocator
    // ("VerifiedAllocateZeroed", hal/X64/PhysicalMemory.cs), which panics when memory runs out.
    internal static unsafe class Allocation
    {
        // CONTRACT with runtime: the object header (8 bytes) precedes the MethodTable pointer and
        // is counted in BaseSize; an object reference points at the MethodTable pointer.
        private const int ObjectHeaderSize = 8;

        [RuntimeExport("RhpNewFast")]
        private static void* NewObject(MethodTable* type) => Allocate(type, type->BaseSize);

        [RuntimeExport("RhpNewFinalizable")]
        private static void* NewFinalizableObject(MethodTable* type) => Allocate(type, type->BaseSize);

        [RuntimeExport("RhNewObject")]
        private static void* NewObjectHelper(MethodTable* type) => Allocate(type, type->BaseSize);

        [RuntimeExport("RhpNewArray")]
        private static void* NewArray(MethodTable* type, int length) => AllocateArray(type, length);

        [RuntimeExport("RhpNewArrayFast")]
        private static void* NewArrayFast(MethodTable* type, int length) => AllocateArray(type, length);

        [RuntimeExport("RhpNewPtrArrayFast")]
        private static void* NewPointerArrayFast(MethodTable* type, int length) => AllocateArray(type, length);

        [RuntimeExport("RhNewArray")]
        private static void* NewArrayHelper(MethodTable* type, int length) => AllocateArray(type, length);

        // CONTRACT with runtime: an array (or string) is BaseSize plus length * ComponentSize
        // bytes, rounded up to 8, with the length stored right after the MethodTable pointer.
        private static void* AllocateArray(MethodTable* type, int length)
        {
            if (length < 0)
            {
                RuntimeFailure.Fail("OverflowException: negative array length");
            }

            ulong size = type->BaseSize + (ulong)length * type->ComponentSize;
            size = (size + 7) & ~7UL;
            byte* obj = (byte*)Allocate(type, size);
            *(int*)(obj + sizeof(MethodTable*)) = length;
            return obj;
        }

        private static void* Allocate(MethodTable* type, ulong size)
        {
            byte* memory = AllocateZeroed(size, 8);
            byte* obj = memory + ObjectHeaderSize;
            *(MethodTable**)obj = type;
            return obj;
        }

        [RuntimeImport("*", "VerifiedAllocateZeroed")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern byte* AllocateZeroed(ulong size, ulong alignment);
    }
}
