// The kernel's SYSCALL handler. While the boot self-checks run single programs (kernel/UserPrograms) it knows
// syscalls 0-2 itself; once the kernel proper runs, it hands every entry to it (kernel/Core's decoder).
using System.Runtime;
using Verified.Hal.X64;
using Verified.Kernel.UserPrograms;

namespace Verified.Kernel.Syscalls
{
    internal static unsafe class SyscallDispatcher
    {
        /// <summary>System calls handled since boot.</summary>
        public static ulong Count { get; private set; }

        /// <summary>Once the kernel proper runs its threads (kernel/Machine/KernelLoop.cs), every syscall is its.</summary>
        public static delegate*<UserContext*, void> KernelHandler;

        [RuntimeExport("KernelSyscall")]
        private static void Dispatch(UserContext* context)
        {
            Count++;
            if (KernelHandler != null)
            {
                KernelHandler(context);
                return;
            }
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
