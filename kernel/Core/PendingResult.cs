// What a thread inside a syscall still needs written to its registers when the IPC core lets it run again
// (at once, or after it was blocked): the kinds of results docs/abi.md defines per syscall.
namespace Verified.Kernel.Core
{
    internal static class PendingResult
    {
        public const byte None = 0;

        /// <summary>Ipc: rax; after a successful receive phase rsi = badge, MR0..MR8 = the message.</summary>
        public const byte Ipc = 2;

        /// <summary>NotifyWait: rax; rsi = the bits taken.</summary>
        public const byte Bits = 3;

        /// <summary>Page-fault or exception IPC the kernel made for the thread: nothing is written to its registers.</summary>
        public const byte Fault = 4;
    }
}
