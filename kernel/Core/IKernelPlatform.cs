// What the machine-independent kernel needs from the machine it runs on: the clock the IPC core's timeouts count in,
// and a machine thread (registers) for a thread that the Create syscall makes.
namespace Verified.Kernel.Core
{
    public interface IKernelPlatform
    {
        /// <summary>The kernel timer's tick count (the time IPC deadlines are measured in).</summary>
        ulong Now();

        /// <summary>Gives kernel thread <paramref name="thread"/> of <paramref name="task"/> a machine thread whose
        /// UTCB is slot <paramref name="utcbSlot"/>; null when the machine has none for it.</summary>
        ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot);
    }
}
