// Syscall 12, ThreadControl (docs/abi.md section 3): a thread's pager and exception handler, and its deletion.
namespace Verified.User.Library
{
    public static class ThreadControl
    {
        public const ulong SetPriority = 1;
        public const ulong SetPager = 2;
        public const ulong SetExceptionHandler = 4;
        public const ulong Delete = 8;

        /// <summary>A handler slot that removes the pager or exception handler.</summary>
        public const ulong NoHandler = 0xFFFF_FFFF;

        /// <summary>ThreadControl with every word as given: <paramref name="operations"/> (rsi), priority (rdx), pager
        /// slot (r10), exception handler slot (r8). Returns rax.</summary>
        public static ulong Invoke(ulong threadSlot, ulong operations, ulong priority, ulong pagerSlot, ulong exceptionHandlerSlot) =>
            Syscall.Invoke(SyscallNumbers.ThreadControl, threadSlot, operations, priority, pagerSlot, exceptionHandlerSlot);

        public static ulong Pager(ulong threadSlot, ulong endpointSlot) => Invoke(threadSlot, SetPager, 0, endpointSlot, 0);

        public static ulong ExceptionHandler(ulong threadSlot, ulong endpointSlot) =>
            Invoke(threadSlot, SetExceptionHandler, 0, 0, endpointSlot);

        /// <summary>Deletes the thread (its IPC partners get ErrPartnerKilled); a thread deleting itself does not return.</summary>
        public static ulong DeleteThread(ulong threadSlot) => Invoke(threadSlot, Delete, 0, 0, 0);
    }
}
