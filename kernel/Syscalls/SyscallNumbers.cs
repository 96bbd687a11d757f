// System call numbers of the first ring-3 interface (rax = number, rdi = argument, result in rax). The IPC,
// capability and mapping calls of docs/abi.md join these as the kernel proper grows.
namespace Verified.Kernel.Syscalls
{
    internal static class SyscallNumbers
    {
        /// <summary>Does nothing and returns 0: the floor of a kernel entry and exit.</summary>
        public const ulong Null = 0;

        /// <summary>Writes the character in rdi to the kernel's serial console.</summary>
        public const ulong DebugPutChar = 1;

        /// <summary>Ends the calling program with the code in rdi (low 32 bits).</summary>
        public const ulong Exit = 2;

        /// <summary>The result of a call the kernel does not know: all ones, never a valid result.</summary>
        public const ulong ErrorUnknownSyscall = ulong.MaxValue;
    }
}
