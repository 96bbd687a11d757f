// The registers of a kernel entry as docs/abi.md section 1 names them, so that the syscall decoder is written once
// for both machines: X64's saved frame and Sim's SimRegisters each implement it with a thin adapter.
namespace Verified.Kernel.Core
{
    public interface ISyscallFrame
    {
        /// <summary>rax on entry: the syscall number.</summary>
        ulong GetNumber();

        /// <summary>rax on exit: the result word.</summary>
        void SetResult(ulong value);

        /// <summary>Arguments 0..5: rdi, rsi, rdx, r10, r8, r9.</summary>
        ulong GetArgument(int index);

        void SetArgument(int index, ulong value);

        /// <summary>MR0..MR8: r10, r8, r9, r12, r13, r14, r15, rbx, rbp.</summary>
        ulong GetMessageRegister(int index);

        void SetMessageRegister(int index, ulong value);

        /// <summary>The same registers by reference, for a hot path: one call for all its reads and writes.</summary>
        ref RegisterFile Registers { get; }

        /// <summary>Word <paramref name="word"/> (0..511) of the thread's own UTCB, its virtual registers, as
        /// <see cref="IKernelPlatform.ReadUtcb"/> reads it for this thread (0 beyond the page): a hot path reads its
        /// caller's receive buffers (BR0) through the frame it already holds, without the platform's look-up of the
        /// thread's UTCB.</summary>
        ulong ReadUtcb(uint word);
    }
}
