// Runtime start-up: allocate static bases, run eager class constructors and module initializers.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace Verified.Boot.Runtime
{
    // ILC leaves this work to the runtime. It must run after the allocator is ready and before any
    // C# code touches a static field of reference type.
    public static unsafe class Startup
    {
        // CONTRACT with runtime: the GC static region holds 32-bit relative pointers to blocks; a
        // block holds a relative pointer to the statics' MethodTable with these flags in its low bits
        // until it is replaced by the (8-byte) address of the allocated statics object.
        private const nint Uninitialized = 1;
        private const nint HasPreInitializedData = 2;
        private const nint FlagMask = 3;

        public static void Run()
        {
            ForEachSection(ReadyToRunSectionType.GcStaticRegion, &InitializeGcStatics);
            ForEachSection(ReadyToRunSectionType.EagerCctor, &RunFunctionTable);
            ForEachSection(ReadyToRunSectionType.ModuleInitializerList, &RunFunctionTable);
        }

        private static void ForEachSection(int sectionId, delegate*<byte*, byte*, void> action)
        {
            for (ReadyToRunHeader** module = ImageSymbols.ModulesStart(); module < ImageSymbols.ModulesEnd(); module++)
            {
                ReadyToRunHeader* header = *module;
                if (header->Signature != ReadyToRunHeader.ExpectedSignature)
                {
                    RuntimeFailure.Fail("start-up: bad ReadyToRun header signature");
                }

                ModuleInfoRow* rows = (ModuleInfoRow*)(header + 1);
                for (int i = 0; i < header->NumberOfSections; i++)
                {
                    if (rows[i].SectionId == sectionId)
                    {
                        action(rows[i].Start, rows[i].End);
                    }
                }
            }
        }

        private static void InitializeGcStatics(byte* start, byte* end)
        {
            for (int* entry = (int*)start; entry < (int*)end; entry++)
            {
                nint* block = (nint*)ReadRelative(entry);
                nint value = (nint)ReadRelative((int*)block);
                if ((value & Uninitialized) == 0)
                {
                    continue;
                }

                MethodTable* staticsType = (MethodTable*)(value & ~FlagMask);
                byte* statics = (byte*)NewObject(staticsType);
                if ((value & HasPreInitializedData) != 0)
                {
                    // The image holds the compile-time values of every GC static field of the class.
                    byte* data = (byte*)ReadRelative((int*)block + 1);
                    byte* fields = statics + sizeof(MethodTable*);
                    uint size = staticsType->BaseSize - 16;
                    for (uint i = 0; i < size; i++)
                    {
                        fields[i] = data[i];
                    }
                }

                *block = (nint)statics;
            }
        }

        // Eager class constructors and module initializers: tables of 32-bit relative pointers to code.
        private static void RunFunctionTable(byte* start, byte* end)
        {
            for (int* entry = (int*)start; entry < (int*)end; entry++)
            {
                ((delegate*<void>)ReadRelative(entry))();
            }
        }

        private static void* ReadRelative(int* location) => (byte*)location + *location;

        [RuntimeImport("*", "RhpNewFast")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void* NewObject(MethodTable* type);
    }
}
