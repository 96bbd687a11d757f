// The boot's SYSCALL handler: while the boot self-checks run single programs (kernel/UserPrograms) it knows syscalls
// 0-2 itself. Once the kernel proper runs, the entry calls the kernel loop's handler instead (UserMode.SetSyscallHandler).
using System.Runtime;
using Verified.Hal.X64;
using Verified.Kernel.UserPrograms;

namespace Verified.Kernel.Syscalls
{
    internal static unsafe class SyscallDispatcher
    {
        /// <summary>System calls handled since boot.</summary>
        public static ulong Count { get; private set; }

        [RuntimeExport("KernelSyscall")]
        private static void Dispatch(UserContext* context)
        {
            Count++;
            InterruptFrame* frame = &context->Frame;
            switch (frame->Rax)
            {
                case SyscallNumbers.Null:
                    frame->Rax = 0;
                    break;
                case SyscallNumbers.DebugPutChar:
                    // Only printable ASCII and newline: a user program must not drive the terminal.
                    byte c = (byte)frame->Rdi;
                    Serial.Write(c == '\n' || (c >= 0x20 && c < 0x7F) ? (char)c : '?');
                    frame->Rax = 0;
                    break;
                case SyscallNumbers.Exit:
                    UserRun.Finish(UserRun.Exited((uint)frame->Rdi));
                    break;
                default:
                    frame->Rax = SyscallNumbers.ErrorUnknownSyscall;
                    break;
            }
        }
    }
}
