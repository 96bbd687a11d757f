// Syscall numbers of docs/abi.md section 3. kernel/Syscalls/SyscallNumbers.cs holds the first three for the X64
// entry path that predates this decoder; both move to one generated table (abi.md section 8).
namespace Verified.Kernel.Core.Abi
{
    public static class SyscallNumber
    {
        public const ulong Null = 0;
        public const ulong DebugPutChar = 1;
        public const ulong Exit = 2;
        public const ulong Ipc = 3;
        public const ulong Notify = 4;
        public const ulong NotifyWait = 5;
        public const ulong Create = 6;
        public const ulong CapCopy = 7;
        public const ulong CapMove = 8;
        public const ulong CapDelete = 9;
        public const ulong CapRevoke = 10;
        public const ulong ThreadControl = 12;
        public const ulong Unmap = 11;
        public const ulong ExchangeRegisters = 13;
        public const ulong IrqControl = 14;
        public const ulong Yield = 15;
        public const ulong CapCopyTo = 16;

        /// <summary>The result of a number the kernel does not know: all ones, never a valid result word.</summary>
        public const ulong ErrorUnknownSyscall = 0xFFFF_FFFF_FFFF_FFFF;
    }
}
