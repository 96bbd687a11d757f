// The runtime type descriptor ILC emits for every type: the parts the kernel's runtime reads.
using System;
using System.Runtime.InteropServices;

namespace Internal.Runtime
{
    // CONTRACT with runtime (ILC 10.0): fixed part of 24 bytes, then NumVtableSlots code pointers,
    // then NumInterfaces MethodTable pointers, then 32-bit relative pointers: TypeManager,
    // WritableData, DispatchMap (if HasDispatchMap), Finalizer (if HasFinalizer), sealed virtual
    // slots (if HasSealedVTableEntries). Flag values are those of ILC's EETypeFlags.
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct MethodTable
    {
        private const uint HasComponentSizeFlag = 0x80000000;
        private const uint HasDispatchMapFlag = 0x00040000;
        private const uint HasFinalizerFlag = 0x00100000;
        private const uint HasSealedVTableEntriesFlag = 0x00400000;
        private const uint HasPointersFlag = 0x01000000;
        private const uint KindMask = 0x00030000;
        private const int ElementTypeShift = 26;
        private const uint ElementTypeMask = 0x1F;

        // Element types (EETypeElementType) the runtime distinguishes.
        public const uint ElementTypeNullable = 0x12;
        public const uint ElementTypeClass = 0x14;
        public const uint ElementTypeInterface = 0x15;
        public const uint ElementTypeArray = 0x17;
        public const uint ElementTypeSzArray = 0x18;

        private uint _uFlags;
        private uint _uBaseSize;
        private MethodTable* _relatedType;
        private ushort _usNumVtableSlots;
        private ushort _usNumInterfaces;
        private uint _uHashCode;

        public uint BaseSize => _uBaseSize;

        public ushort ComponentSize => HasComponentSize ? (ushort)_uFlags : (ushort)0;

        public bool HasComponentSize => (_uFlags & HasComponentSizeFlag) != 0;

        public bool HasPointers => (_uFlags & HasPointersFlag) != 0;

        public uint ElementType => (_uFlags >> ElementTypeShift) & ElementTypeMask;

        public bool IsInterface => ElementType == ElementTypeInterface;

        public bool IsArray => ElementType == ElementTypeArray || ElementType == ElementTypeSzArray;

        public bool IsValueType => ElementType < ElementTypeClass;

        public bool IsNullable => ElementType == ElementTypeNullable;

        // Canonical (non-generic-definition, non-cloned) types: kind 0. Only these have a base type
        // in _relatedType; for arrays it is the element type.
        public bool IsCanonical => (_uFlags & KindMask) == 0;

        public MethodTable* RelatedType => _relatedType;

        public ushort NumVtableSlots => _usNumVtableSlots;

        public ushort NumInterfaces => _usNumInterfaces;

        public IntPtr* VTable
        {
            get
            {
                fixed (MethodTable* self = &this)
                {
                    return (IntPtr*)((byte*)self + sizeof(MethodTable));
                }
            }
        }

        public MethodTable** InterfaceMap => (MethodTable**)(VTable + _usNumVtableSlots);

        public DispatchMap* DispatchMap
        {
            get
            {
                if ((_uFlags & HasDispatchMapFlag) == 0)
                {
                    return null;
                }

                return (DispatchMap*)ReadRelative(RelativePointers + 2);
            }
        }

        public IntPtr GetSealedVirtualSlot(int index)
        {
            int* slot = RelativePointers + 2;
            if ((_uFlags & HasDispatchMapFlag) != 0)
            {
                slot++;
            }

            if ((_uFlags & HasFinalizerFlag) != 0)
            {
                slot++;
            }

            if ((_uFlags & HasSealedVTableEntriesFlag) == 0)
            {
                return IntPtr.Zero;
            }

            int* sealedSlots = (int*)ReadRelative(slot);
            return (IntPtr)ReadRelative(sealedSlots + index);
        }

        // TypeManager and WritableData: the first two relative pointers after the interface map.
        private int* RelativePointers => (int*)(InterfaceMap + _usNumInterfaces);

        private static void* ReadRelative(int* location) => (byte*)location + *location;
    }

    // CONTRACT with runtime: four 16-bit counts, then (interface index, interface slot, impl slot)
    // triples: standard entries first, default-interface-method entries after them.
    [StructLayout(LayoutKind.Sequential)]
    public struct DispatchMap
    {
        public ushort StandardEntryCount;
        public ushort DefaultEntryCount;
        public ushort StandardStaticEntryCount;
        public ushort DefaultStaticEntryCount;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct DispatchMapEntry
    {
        public ushort InterfaceIndex;
        public ushort InterfaceSlot;
        public ushort ImplementationSlot;
    }
}
