// Syscall 12, ThreadControl (docs/abi.md section 3): a thread's pager and exception handler, and its deletion.
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.User.Sim
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
        public static async Task<ulong> Invoke(SimUserContext ctx, ulong threadSlot, ulong operations, ulong priority = 0,
            ulong pagerSlot = 0, ulong exceptionHandlerSlot = 0)
        {
            ctx.Registers.R10 = pagerSlot;
            ctx.Registers.R8 = exceptionHandlerSlot;
            await ctx.Syscall(SyscallNumbers.ThreadControl, threadSlot, operations, priority);
            return ctx.Registers.Rax;
        }

        public static Task<ulong> Pager(SimUserContext ctx, ulong threadSlot, ulong endpointSlot) =>
            Invoke(ctx, threadSlot, SetPager, pagerSlot: endpointSlot);

        public static Task<ulong> ExceptionHandler(SimUserContext ctx, ulong threadSlot, ulong endpointSlot) =>
            Invoke(ctx, threadSlot, SetExceptionHandler, exceptionHandlerSlot: endpointSlot);

        /// <summary>Deletes the thread (its IPC partners get ErrPartnerKilled); a thread deleting itself does not return.</summary>
        public static Task<ulong> DeleteThread(SimUserContext ctx, ulong threadSlot) => Invoke(ctx, threadSlot, Delete);
    }
}
