// What the machine-independent kernel needs from the machine it runs on: the clock the IPC core's timeouts count in,
// a machine thread (registers) for a thread that the Create syscall makes, an address space for a task it makes,
// the news that the kernel deleted a thread, the page tables of the tasks' mapping windows (the HAL contract
// spec/HalPageTables.dfy writes them by space number), each thread's UTCB, copies between user address spaces with
// user permissions for long IPC, and the interrupt controller's mask for the lines user drivers handle.
namespace Verified.Kernel.Core
{
    public interface IKernelPlatform
    {
        /// <summary>The kernel timer's tick count (the time IPC deadlines are measured in).</summary>
        ulong Now();

        /// <summary>Gives kernel thread <paramref name="thread"/> of <paramref name="task"/> a machine thread whose
        /// UTCB is slot <paramref name="utcbSlot"/>, starting at <paramref name="rip"/> with stack <paramref name="rsp"/>
        /// (Create's r8 and r9; a Sim thread runs the code prepared for it and records them); null when the machine
        /// has none for it (no thread left, or the UTCB slot is taken in that task). <paramref name="waitsForStart"/>:
        /// the thread has nothing to run yet (machine code at rip 0) and must wait until ExchangeRegisters sets its rip.</summary>
        ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot, ulong rip, ulong rsp, out bool waitsForStart);

        /// <summary>The HAL page-table space number of the windows of tasks 0..<paramref name="tasks"/>-1, bound to
        /// empty windows before the mapping core writes sigma0's first mappings; <paramref name="frames"/> (1..4096):
        /// the physical frames sigma0 owns, frame f first mapped at sigma0's window page f; <paramref name="nodes"/>
        /// (at least frames): the mapping core's node capacity.</summary>
        uint BindMappingSpace(uint tasks, out uint frames, out uint nodes);

        /// <summary>Word <paramref name="word"/> (0..511) of <paramref name="thread"/>'s UTCB, read through its frame:
        /// the UTCB is pinned while the thread lives, so this never faults. 0 for a thread without one.</summary>
        ulong ReadUtcb(uint thread, uint word);

        void WriteUtcb(uint thread, uint word, ulong value);

        /// <summary>UTCB words first..first+count-1 into <paramref name="into"/>[at..], as ReadUtcb would read each
        /// (a long message's words: one call rather than one per word).</summary>
        void ReadUtcbWords(uint thread, uint first, uint count, ulong[] into, uint at);

        /// <summary>The reverse: <paramref name="from"/>[at..] into UTCB words first.., as WriteUtcb would write each.</summary>
        void WriteUtcbWords(uint thread, uint first, uint count, ulong[] from, uint at);

        /// <summary>UTCB words first..first+count-1 of thread <paramref name="from"/> into the same words of thread
        /// <paramref name="to"/>'s, as ReadUtcb and WriteUtcb would move each (a message handed over at once).</summary>
        void CopyUtcbWords(uint from, uint to, uint first, uint count);

        /// <summary>Copies up to <paramref name="length"/> bytes from <paramref name="source"/>'s address space to
        /// <paramref name="destination"/>'s with user permissions on both sides, stopping at the first page that
        /// faults. Returns the bytes copied in <paramref name="copied"/> and a <see cref="UserCopyStatus"/>; for a fault,
        /// the faulting virtual address and the #PF error code.</summary>
        byte CopyUser(uint source, ulong sourceAddress, uint destination, ulong destinationAddress, ulong length,
            out ulong copied, out ulong faultAddress, out ulong faultCode);

        /// <summary>The number of interrupt lines of the machine's controller (lines 0 .. n-1).</summary>
        uint InterruptLines();

        /// <summary>Keeps <paramref name="line"/> from being delivered (a raise stays pending at the controller).</summary>
        void MaskLine(uint line);

        /// <summary>Lets <paramref name="line"/> be delivered again (a pending raise is delivered next).</summary>
        void UnmaskLine(uint line);

        /// <summary>The kernel deleted thread <paramref name="thread"/> (ThreadControl, or its last capability went):
        /// its machine thread must never run again, also when it is the thread whose syscall is being handled.</summary>
        void ThreadDeleted(uint thread);

        /// <summary>A fresh, empty address space for <paramref name="task"/> (replacing any the task had before);
        /// false when the machine has no memory for it.</summary>
        bool CreateAddressSpace(uint task);

        /// <summary>Syscall 1: one character of <paramref name="thread"/>'s debug output (already restricted to printable
        /// ASCII and newline).</summary>
        void DebugPutChar(uint thread, byte c);

        /// <summary>Syscall 2: <paramref name="thread"/> ends with <paramref name="code"/>; the kernel deletes it right
        /// after (<see cref="ThreadDeleted"/>).</summary>
        void ThreadExiting(uint thread, uint code);

        /// <summary>ExchangeRegisters bits 2 and 3: the thread's next user instruction and stack (a thread made by
        /// Create runs only once its rip is set, on a machine whose threads run machine code).</summary>
        void SetRegisters(uint thread, bool setRip, ulong rip, bool setRsp, ulong rsp);
    }

    /// <summary>Results of <see cref="IKernelPlatform.CopyUser"/>.</summary>
    public static class UserCopyStatus
    {
        public const byte Completed = 0;
        public const byte SourceFault = 1;
        public const byte DestinationFault = 2;
    }
}
