// Syscalls 4 Notify and 5 NotifyWait (docs/abi.md section 3).
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.User.Sim
{
    public static class Notifications
    {
        /// <summary>ORs <paramref name="bits"/> into the notification; returns rax.</summary>
        public static async Task<ulong> Notify(SimUserContext ctx, uint notification, ulong bits)
        {
            await ctx.Syscall(SyscallNumbers.Notify, notification, bits);
            return ctx.Registers.Rax;
        }

        /// <summary>Takes the pending bits (blocking up to the timeout while none are); returns rax and the bits.</summary>
        public static async Task<(ulong Result, ulong Bits)> Wait(SimUserContext ctx, uint notification,
            ushort timeout = Timeout.Never) => await WaitRaw(ctx, notification, (ulong)timeout << 16);

        /// <summary>NotifyWait with rdx as given (for callers that need malformed words too).</summary>
        public static async Task<(ulong Result, ulong Bits)> WaitRaw(SimUserContext ctx, ulong notification, ulong rdx)
        {
            ctx.Registers.Rsi = 0;
            await ctx.Syscall(SyscallNumbers.NotifyWait, notification, 0, rdx);
            return (ctx.Registers.Rax, ctx.Registers.Rax == 0 ? ctx.Registers.Rsi : 0);
        }
    }
}
