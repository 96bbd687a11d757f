// What the simulated CPU enters: the kernel's entry points, as the IDT and the SYSCALL MSR name them on X64. Each
// entry runs to completion on the machine's stack (one kernel stack, explicit continuations): to block a thread the
// kernel calls SimMachine.Block and keeps what the thread waits for in its own state; to continue a long operation
// later it calls SimMachine.ContinueInKernel and is re-entered through Continue when the scheduler picks the thread.
namespace Verified.Hal.Sim.Machine
{
    public interface ISimKernel
    {
        /// <summary>SYSCALL from <paramref name="thread"/>: the number and arguments are in its registers; the kernel
        /// leaves the results there.</summary>
        void Syscall(SimThread thread);

        /// <summary>#PF from user code of <paramref name="thread"/>. Unless the kernel blocks the thread, it retries the
        /// access when next scheduled.</summary>
        void PageFault(SimThread thread, PageFault fault);

        /// <summary>Any other CPU exception (vector 0..31) from user code of <paramref name="thread"/>.</summary>
        void Exception(SimThread thread, int vector, ulong errorCode);

        /// <summary>The CPU took interrupt <paramref name="line"/> (now in service at the controller; the kernel masks,
        /// acknowledges or leaves it in service until a user driver acknowledges).</summary>
        void Interrupt(int line);

        /// <summary>A thread the kernel asked to continue in kernel mode was scheduled: resume its saved operation.</summary>
        void Continue(SimThread thread);

        /// <summary>The thread's code returned (the user library's thread exit): the thread will never run again.</summary>
        void ThreadFinished(SimThread thread);
    }
}
