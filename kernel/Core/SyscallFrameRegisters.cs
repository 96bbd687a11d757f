// A frame's registers by their ABI names (docs/abi.md section 1), for the general path; a hot path takes
// ISyscallFrame.Registers once and reads the fields.
using System.Runtime.CompilerServices;

namespace Verified.Kernel.Core
{
    public static class SyscallFrameRegisters
    {
        /// <summary>rax on entry: the syscall number.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong GetNumber(this ISyscallFrame frame) => frame.Registers.Rax;

        /// <summary>rax on exit: the result word.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void SetResult(this ISyscallFrame frame, ulong value) => frame.Registers.Rax = value;

        /// <summary>Argument 0..5: rdi, rsi, rdx, r10, r8, r9.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong GetArgument(this ISyscallFrame frame, int index) => frame.Registers.Argument(index);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void SetArgument(this ISyscallFrame frame, int index, ulong value) =>
            frame.Registers.SetArgument(index, value);

        /// <summary>MR0..MR8: r10, r8, r9, r12, r13, r14, r15, rbx, rbp.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong GetMessageRegister(this ISyscallFrame frame, int index) => frame.Registers.MessageRegister(index);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void SetMessageRegister(this ISyscallFrame frame, int index, ulong value) =>
            frame.Registers.SetMessageRegister(index, value);
    }
}
