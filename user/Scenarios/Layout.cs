// The boot layout every scenario starts from, on both machines (README.md): the task's capability space, its main
// thread, and what a scenario may use at a time.
namespace Verified.User.Scenarios
{
    public static class Layout
    {
        /// <summary>Capability slots of the task: 0 its own task (all rights: pays for Create), 1 the main thread.</summary>
        public const uint Slots = 64;
        public const uint TaskSlot = 0;
        public const uint MainThreadSlot = 1;
        public const uint FirstFreeSlot = 2;

        /// <summary>The last slot holds the service endpoint of whoever started the task (X64: the root task, which
        /// collects the selftest's result through it); scenarios leave it alone, the sweep too.</summary>
        public const uint ServiceSlot = Slots - 1;

        /// <summary>A slot index the capability space does not have.</summary>
        public const uint OutOfRangeSlot = Slots;

        /// <summary>The main thread has UTCB slot 0; created threads take 1..MaxUtcbSlot.</summary>
        public const uint MainUtcbSlot = 0;
        public const uint MaxUtcbSlot = 15;

        /// <summary>The main thread's priority on both machines (X64: the root task's own, which its loaded tasks get;
        /// Sim: SimBoot). No thread can be made above it (Create allows at most the creator's own), so a scenario that
        /// needs an order of priorities starts its workers below it.</summary>
        public const uint MainPriority = 16;

        /// <summary>At most this many threads besides the main one, and this many endpoints and notifications, at a time.</summary>
        public const int MaxThreads = 8;
        public const int MaxIpcObjects = 8;

        /// <summary>The scratch area: window pages 0..ScratchPages-1 (0x4000_0000 .. 0x403F_FFFF). The task's pager
        /// (the service endpoint's owner, the pager of every thread Machine.StartThread makes) maps a fresh zeroed
        /// read-write page at the first touch of any of them that is not mapped; a fault on a page that is mapped
        /// (a write to a read-only page) is not answered. Pages stay mapped for later scenarios, so a scenario
        /// writes what it reads and unmaps what it maps (README.md).</summary>
        public const ulong ScratchBase = 0x4000_0000;
        public const uint ScratchPages = 1024;
        public const ulong PageSize = 4096;

        /// <summary>Scratch pages the whole list may page in (faults the task's pager serves with a fresh frame,
        /// also again after an unmap): the root task on X64 never frees a frame. The Sim test of the whole run checks it.</summary>
        public const int ScratchBudget = 64;

        /// <summary>The address of scratch page <paramref name="page"/>.</summary>
        public static ulong Scratch(uint page) => ScratchBase + page * PageSize;

        /// <summary>Whether <paramref name="address"/> lies in the scratch area.</summary>
        public static bool InScratch(ulong address) => address >= ScratchBase && address < ScratchBase + ScratchPages * PageSize;
    }
}
