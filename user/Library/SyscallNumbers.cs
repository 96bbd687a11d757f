// Syscall numbers of docs/abi.md section 3 (the kernel's table: kernel/Core/Abi).
namespace Verified.User.Library
{
    public static class SyscallNumbers
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
        public const ulong Unmap = 11;
        public const ulong ThreadControl = 12;
        public const ulong ExchangeRegisters = 13;
        public const ulong IrqControl = 14;
        public const ulong Yield = 15;
    }
}
