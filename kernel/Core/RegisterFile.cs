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

        /// <summary>MR1..MR<paramref name="words"/> of <paramref name="from"/> into <paramref name="to"/>, all eight for more:
        /// straight moves, entered at the word count through one jump (none for no words).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void CopyMessageRegisters(ref RegisterFile from, ref RegisterFile to, ulong words)
        {
            if (words == 0)
            {
                return;
            }
            switch (words)
            {
                default: to.Rbp = from.Rbp; goto case 7;       // 8 and more: MR9.. live in the UTCB
                case 7: to.Rbx = from.Rbx; goto case 6;
                case 6: to.R15 = from.R15; goto case 5;
                case 5: to.R14 = from.R14; goto case 4;
                case 4: to.R13 = from.R13; goto case 3;
                case 3: to.R12 = from.R12; goto case 2;
                case 2: to.R9 = from.R9; goto case 1;
                case 1: to.R8 = from.R8; break;
            }
        }
    }
}
