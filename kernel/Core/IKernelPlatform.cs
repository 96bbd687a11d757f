// What the machine-independent kernel needs from the machine it runs on: the clock the IPC core's timeouts count in,
// a machine thread (registers) for a thread that the Create syscall makes, and the interrupt controller's mask for
// the lines user drivers handle (InterruptLines.cs).
namespace Verified.Kernel.Core
{
    public interface IKernelPlatform
    {
        /// <summary>The kernel timer's tick count (the time IPC deadlines are measured in).</summary>
        ulong Now();

        /// <summary>Gives kernel thread <paramref name="thread"/> of <paramref name="task"/> a machine thread whose
        /// UTCB is slot <paramref name="utcbSlot"/>; null when the machine has none for it.</summary>
        ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot);

        /// <summary>The number of interrupt lines of the machine's controller (lines 0 .. n-1).</summary>
        uint InterruptLines();

        /// <summary>Keeps <paramref name="line"/> from being delivered (a raise stays pending at the controller).</summary>
        void MaskLine(uint line);

        /// <summary>Lets <paramref name="line"/> be delivered again (a pending raise is delivered next).</summary>
        void UnmaskLine(uint line);
    }
}
