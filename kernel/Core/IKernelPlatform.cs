// What the machine-independent kernel needs from the machine it runs on: the clock the IPC core's timeouts count in,
// a machine thread (registers) for a thread that the Create syscall makes, the page tables of the tasks' mapping
// windows (the HAL contract spec/HalPageTables.dfy writes them by space number) and the threads' UTCB words.
namespace Verified.Kernel.Core
{
    public interface IKernelPlatform
    {
        /// <summary>The kernel timer's tick count (the time IPC deadlines are measured in).</summary>
        ulong Now();

        /// <summary>Gives kernel thread <paramref name="thread"/> of <paramref name="task"/> a machine thread whose
        /// UTCB is slot <paramref name="utcbSlot"/>; null when the machine has none for it.</summary>
        ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot);

        /// <summary>The HAL page-table space number of the windows of tasks 0..<paramref name="tasks"/>-1, bound to
        /// empty windows before the mapping core writes sigma0's first mappings; <paramref name="frames"/> (1..4096):
        /// the physical frames sigma0 owns, frame f first mapped at sigma0's window page f; <paramref name="nodes"/>
        /// (at least frames): the mapping core's node capacity.</summary>
        uint BindMappingSpace(uint tasks, out uint frames, out uint nodes);

        /// <summary>Word <paramref name="word"/> (0..511) of <paramref name="thread"/>'s UTCB, read through its frame:
        /// the UTCB is pinned while the thread lives, so this never faults. 0 for a thread without one.</summary>
        ulong ReadUtcb(uint thread, uint word);

        void WriteUtcb(uint thread, uint word, ulong value);
    }
}
