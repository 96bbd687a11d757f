// The stack frame an exception stub (boot/X64/Interrupts.S) hands to C#.
using System.Runtime.InteropServices;

namespace Verified.Hal.X64
{
    // CONTRACT with boot/X64/Interrupts.S: pushed in reverse order of these fields.
    [StructLayout(LayoutKind.Sequential)]
    public struct InterruptFrame
    {
        public ulong Rax, Rbx, Rcx, Rdx, Rsi, Rdi, Rbp;
        public ulong R8, R9, R10, R11, R12, R13, R14, R15;
        public ulong Vector;
        public ulong ErrorCode;

        // Pushed by the CPU.
        public ulong Rip, Cs, Rflags, Rsp, Ss;
    }
}
