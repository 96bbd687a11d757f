// A page fault served by a user-level pager, across address spaces: a thread of the server task reads a page of its
// window that is not mapped there; the kernel sends the fault to the task's pager (SpacePager, a thread of the bench
// task), which answers with a map item of the bench task's page at that address, and the read completes. Timed on the
// faulting thread around the read: the fault, the page-fault IPC, the pager's own work, its reply that maps the page,
// the return to the faulting instruction. After each iteration (untimed) the thread unmaps the page from its own space,
// so that the next read faults again. The bench task's first thread waits on FaultDone meanwhile.
using Verified.User.Library;

namespace Verified.User.Bench
{
    internal static unsafe class FaultRow
    {
        private const ulong FaultPage = 0x4000_4000;   // a scratch page of the bench task (the root task pages it in)
        private const byte Marker = 0x5A;               // what the read must see: the bench task's byte, mapped

        /// <summary>Run by the bench task's first thread: starts the faulting thread in the server task and waits
        /// for its row; 0 or the refusal.</summary>
        public static ulong Run(uint threadSlot, uint utcbSlot)
        {
            Machine.WriteByte(FaultPage, Marker);
            ulong result = ServerTask.StartThread(threadSlot, utcbSlot, &Faulting, 0);
            return result != 0 ? result : BenchCalls.NotifyWait(Slots.FaultDone);
        }

        // The server task's thread: measures, then signals FaultDone and ends.
        private static void Faulting(ulong unused)
        {
            Sampler.Measure("page fault to a user pager, map 1 page cross-AS", &Touch, &Forget);
            BenchCalls.Notify(Slots.FaultDone);
        }

        private static ulong Touch() => Machine.ReadByte(FaultPage) == Marker ? 0 : Sampler.Failed;

        // The server task's own mapping of the page goes (UnmapOwn), so the next read faults.
        private static ulong Forget() => Memory.Unmap(Memory.Flexpage(FaultPage, 0, Memory.RightsAll), own: true);
    }
}
