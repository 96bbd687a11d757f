// What the machine-independent kernel needs from the machine it runs on: the clock the IPC core's timeouts count in,
// a machine thread (registers) for a thread that the Create syscall makes, an address space for a task it makes, and
// the news that the kernel deleted a thread.
namespace Verified.Kernel.Core
{
    public interface IKernelPlatform
    {
        /// <summary>The kernel timer's tick count (the time IPC deadlines are measured in).</summary>
        ulong Now();

        /// <summary>Gives kernel thread <paramref name="thread"/> of <paramref name="task"/> a machine thread whose
        /// UTCB is slot <paramref name="utcbSlot"/>; null when the machine has none for it.</summary>
        ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot);

        /// <summary>The kernel deleted thread <paramref name="thread"/> (ThreadControl, or its last capability went):
        /// its machine thread must never run again, also when it is the thread whose syscall is being handled.</summary>
        void ThreadDeleted(uint thread);

        /// <summary>A fresh, empty address space for <paramref name="task"/> (replacing any the task had before);
        /// false when the machine has no memory for it.</summary>
        bool CreateAddressSpace(uint task);
    }
}
