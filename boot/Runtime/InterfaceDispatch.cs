// Interface method dispatch: finds the implementation of an interface slot for an object's type,
// and caches the last answer per call site.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Internal.Runtime;

namespace Verified.Boot.Runtime
{
    // CONTRACT with runtime: an interface call site calls through a 16-byte cell {stub, cache}; the
    // stub starts as RhpInitialDynamicInterfaceDispatch (boot/X64/RuntimeStubs.S), which passes the
    // cell here. Cells come in groups ending with a cell whose stub is 0; that cell's cache holds the
    // interface slot (low 16 bits). A cell's cache names the interface: low bits 3 = relative pointer,
    // 2 = relative pointer to a pointer, 1 = absolute pointer; 0 with a value below 0x1000 = a vtable
    // byte offset (a virtual call through an interface cell).
    [StructLayout(LayoutKind.Sequential)]
    internal struct InterfaceDispatchCell
    {
        public nuint Stub;
        public nuint Cache;
    }

    // Our own per-cell cache (tag 0, above 0x1000, so it cannot be confused with ILC's encodings):
    // the last type seen and its target, read by RhpInterfaceDispatchCached; the decoded interface
    // and slot, because the cell's original cache value is overwritten.
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct DispatchCacheEntry
    {
        public MethodTable* Type;
        public IntPtr Target;
        public MethodTable* Interface;
        public ulong Slot;
    }

    internal static unsafe class InterfaceDispatch
    {
        private const nuint TagMask = 3;
        private const nuint TagInterfaceRelative = 3;
        private const nuint TagInterfaceRelativeIndirect = 2;
        private const nuint TagInterfacePointer = 1;
        private const nuint MaxVTableOffsetPlusOne = 0x1000;
        private const int CacheEntries = 256;

        // A fixed pool (non-GC static data): dispatch works before the allocator does. When it is
        // used up, further call sites stay uncached (correct, just slower).
        private static CachePool s_cache;
        private static int s_cacheUsed;

        [RuntimeExport("ResolveInterfaceDispatch")]
        private static IntPtr Resolve(void* obj, InterfaceDispatchCell* cell)
        {
            if (obj == null)
            {
                RuntimeFailure.Fail("NullReferenceException: interface call on null");
            }

            MethodTable* type = *(MethodTable**)obj;
            nuint cache = cell->Cache;
            if ((cache & TagMask) == 0 && cache < MaxVTableOffsetPlusOne)
            {
                return *(IntPtr*)((byte*)type + cache);
            }

            DispatchCacheEntry* entry = cell->Stub == (nuint)CachedStub() ? (DispatchCacheEntry*)cache : null;
            MethodTable* itf = entry != null ? entry->Interface : InterfaceOf(cell);
            ushort slot = entry != null ? (ushort)entry->Slot : SlotOf(cell);
            IntPtr target = FindImplementation(type, itf, slot, defaults: false);
            if (target == IntPtr.Zero)
            {
                target = FindImplementation(type, itf, slot, defaults: true);
            }

            if (target == IntPtr.Zero)
            {
                RuntimeFailure.Fail("EntryPointNotFoundException: no implementation of an interface method");
            }

            Remember(cell, entry, type, target, itf, slot);
            return target;
        }

        // Type is cleared first and written last, so the stub never pairs a type with a stale target.
        private static void Remember(InterfaceDispatchCell* cell, DispatchCacheEntry* entry, MethodTable* type, IntPtr target, MethodTable* itf, ushort slot)
        {
            if (entry == null)
            {
                if (s_cacheUsed == CacheEntries)
                {
                    return;
                }

                fixed (CachePool* pool = &s_cache)
                {
                    entry = (DispatchCacheEntry*)pool + s_cacheUsed++;
                }

                entry->Interface = itf;
                entry->Slot = slot;
                entry->Target = target;
                entry->Type = type;
                cell->Cache = (nuint)entry;
                cell->Stub = (nuint)CachedStub();
                return;
            }

            entry->Type = null;
            entry->Target = target;
            entry->Type = type;
        }

        private static MethodTable* InterfaceOf(InterfaceDispatchCell* cell)
        {
            nuint cache = cell->Cache;
            byte* cacheAddress = (byte*)&cell->Cache;
            switch (cache & TagMask)
            {
                case TagInterfaceRelative:
                    return (MethodTable*)((nuint)(cacheAddress + (int)cache) & ~TagMask);
                case TagInterfaceRelativeIndirect:
                    return *(MethodTable**)((nuint)(cacheAddress + (int)cache) & ~TagMask);
                case TagInterfacePointer:
                    return (MethodTable*)(cache & ~TagMask);
                default:
                    RuntimeFailure.Fail("interface dispatch: unsupported cell kind");
                    return null;
            }
        }

        private static ushort SlotOf(InterfaceDispatchCell* cell)
        {
            InterfaceDispatchCell* terminator = cell;
            while (terminator->Stub != 0)
            {
                terminator++;
            }

            return (ushort)terminator->Cache;
        }

        // Walks the type and its bases; at each level looks for (interface, slot) in the dispatch
        // map: standard entries in the first pass, default interface methods in the second.
        private static IntPtr FindImplementation(MethodTable* type, MethodTable* itf, ushort slot, bool defaults)
        {
            for (MethodTable* current = type; current != null; current = BaseOf(current))
            {
                DispatchMap* map = current->DispatchMap;
                if (map == null)
                {
                    continue;
                }

                DispatchMapEntry* entries = (DispatchMapEntry*)(map + 1);
                int first = defaults ? map->StandardEntryCount : 0;
                int end = defaults ? map->StandardEntryCount + map->DefaultEntryCount : map->StandardEntryCount;
                for (int i = first; i < end; i++)
                {
                    DispatchMapEntry* entry = entries + i;
                    if (entry->InterfaceSlot == slot && current->InterfaceMap[entry->InterfaceIndex] == itf)
                    {
                        return SlotTarget(type, current, entry->ImplementationSlot);
                    }
                }
            }

            return IntPtr.Zero;
        }

        // A slot below the vtable size is virtual: read it from the object's own type (it may
        // override). Above that it is a sealed slot of the type that declared the mapping.
        private static IntPtr SlotTarget(MethodTable* type, MethodTable* declaring, ushort implementationSlot)
        {
            if (implementationSlot < declaring->NumVtableSlots)
            {
                return type->VTable[implementationSlot];
            }

            if (implementationSlot >= 0xFFFE)
            {
                RuntimeFailure.Fail("interface dispatch: reabstracted or ambiguous implementation");
            }

            return declaring->GetSealedVirtualSlot(implementationSlot - declaring->NumVtableSlots);
        }

        private static MethodTable* BaseOf(MethodTable* type) =>
            type->IsCanonical && !type->IsArray ? type->RelatedType : null;

        [RuntimeImport("*", "image_cached_dispatch_stub")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void* CachedStub();

        private struct CachePool
        {
            public fixed ulong Words[CacheEntries * 4];
        }
    }
}
