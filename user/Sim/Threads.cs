// Object creation and thread control: syscalls 6 Create, 13 ExchangeRegisters, 15 Yield, 0 Null.
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.User.Sim
{
    public static class Threads
    {
        public const ulong TypeEndpoint = 1;
        public const ulong TypeThread = 2;
        public const ulong TypeNotification = 3;
        public const ulong TypeTask = 5;
        public const ulong ControlCancel = 1;
        public const ulong ControlAbort = 2;

        /// <summary>Creates an object of <paramref name="type"/> with its capability in <paramref name="slot"/>, paid by
        /// the task in <paramref name="taskSlot"/>; returns rax.</summary>
        public static async Task<ulong> Create(SimUserContext ctx, ulong type, uint slot, ulong argument, uint taskSlot)
        {
            ctx.Registers.R10 = taskSlot;
            await ctx.Syscall(SyscallNumbers.Create, type, slot, argument);
            return ctx.Registers.Rax;
        }

        /// <summary>Cancels the IPC of the thread in <paramref name="threadSlot"/> if it waits before the rendezvous;
        /// returns rax and the target's IPC state before the call (r8).</summary>
        public static async Task<(ulong Result, ulong State)> Cancel(SimUserContext ctx, uint threadSlot)
        {
            await ctx.Syscall(SyscallNumbers.ExchangeRegisters, threadSlot, ControlCancel);
            return (ctx.Registers.Rax, ctx.Registers.R8);
        }

        /// <summary>ExchangeRegisters with the given control bits on a thread slot: rax and the target's IPC state before
        /// the call (r8).</summary>
        public static async Task<(ulong Result, ulong State)> Exchange(SimUserContext ctx, uint threadSlot, ulong control)
        {
            await ctx.Syscall(SyscallNumbers.ExchangeRegisters, threadSlot, control);
            return (ctx.Registers.Rax, ctx.Registers.R8);
        }

        public static async Task<ulong> Yield(SimUserContext ctx)
        {
            await ctx.Syscall(SyscallNumbers.Yield);
            return ctx.Registers.Rax;
        }

        public static async Task<ulong> Null(SimUserContext ctx)
        {
            await ctx.Syscall(SyscallNumbers.Null);
            return ctx.Registers.Rax;
        }
    }
}
