// A thread's saved general registers in the order X64's entry stubs push them (boot/X64/Frame.inc, the start of
// hal/X64/InterruptFrame.cs), so that every machine can hand the syscall layer a reference to them (ISyscallFrame
// .Registers) and a hot path reads a register with one load instead of a call through the frame. docs/abi.md section
// 1 gives the roles: rax number and result; arguments rdi, rsi, rdx, r10, r8, r9; MR0..MR8 r10, r8, r9, r12, r13,
// r14, r15, rbx, rbp.
using System.Runtime.CompilerServices;

namespace Verified.Kernel.Core
{
    public struct RegisterFile
    {
        public ulong Rax, Rbx, Rcx, Rdx, Rsi, Rdi, Rbp;
        public ulong R8, R9, R10, R11, R12, R13, R14, R15;

        /// <summary>MR1..MR<paramref name="words"/> (at most 8) of <paramref name="from"/> into <paramref name="to"/>:
        /// straight moves, unrolled.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void CopyMessageRegisters(ref RegisterFile from, ref RegisterFile to, ulong words)
        {
            if (words == 0) { return; }
            to.R8 = from.R8;
            if (words == 1) { return; }
            to.R9 = from.R9;
            if (words == 2) { return; }
            to.R12 = from.R12;
            if (words == 3) { return; }
            to.R13 = from.R13;
            if (words == 4) { return; }
            to.R14 = from.R14;
            if (words == 5) { return; }
            to.R15 = from.R15;
            if (words == 6) { return; }
            to.Rbx = from.Rbx;
            if (words == 7) { return; }
            to.Rbp = from.Rbp;
        }
    }
}
