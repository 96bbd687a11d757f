// The registers the SYSCALL entry (boot/X64/UserMode.S) saves, as the kernel's syscall handler sees them.
using System.Runtime.InteropServices;

namespace Verified.Hal.X64
{
    // CONTRACT with boot/X64/UserMode.S: pushed in reverse order of these fields. Rax is the system call number
    // on entry and the result on exit; Rdi, Rsi, Rdx, R10, R8, R9 are the arguments (SysV order, R10 for rcx,
    // which SYSCALL overwrites with the return address).
    [StructLayout(LayoutKind.Sequential)]
    public struct SyscallFrame
    {
        public ulong Rax, Rdi, Rsi, Rdx, R10, R8, R9;
        public ulong Rbx, Rbp, R12, R13, R14, R15;
        public ulong Rip, Rflags, Rsp;
    }
}
