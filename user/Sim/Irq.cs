// Interrupt objects for user drivers: Create type 6 and syscall 14 IrqControl (docs/abi.md section 3). A driver
// makes the IRQ object of its line, attaches it to a notification with the bits to signal, then loops: NotifyWait,
// serve the device, Acknowledge (the line stays masked from the interrupt until then).
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.User.Sim
{
    public static class Irq
    {
        public const ulong TypeIrq = 6;
        public const ulong OperationAttach = 0;
        public const ulong OperationDetach = 1;
        public const ulong OperationAcknowledge = 2;

        /// <summary>The IRQ object of <paramref name="line"/>, its capability in <paramref name="slot"/>, paid by the
        /// task in <paramref name="taskSlot"/>; returns rax.</summary>
        public static Task<ulong> Create(SimUserContext ctx, uint slot, ulong line, uint taskSlot) =>
            Threads.Create(ctx, TypeIrq, slot, line, taskSlot);

        /// <summary>Each interrupt of the line ORs <paramref name="bits"/> into the notification in
        /// <paramref name="notificationSlot"/>; returns rax.</summary>
        public static Task<ulong> Attach(SimUserContext ctx, uint irqSlot, uint notificationSlot, ulong bits) =>
            Control(ctx, irqSlot, OperationAttach, notificationSlot, bits);

        public static Task<ulong> Detach(SimUserContext ctx, uint irqSlot) => Control(ctx, irqSlot, OperationDetach);

        /// <summary>Unmasks the line: its next interrupt is delivered.</summary>
        public static Task<ulong> Acknowledge(SimUserContext ctx, uint irqSlot) => Control(ctx, irqSlot, OperationAcknowledge);

        /// <summary>IrqControl with every argument as given (for callers that need malformed words too).</summary>
        public static async Task<ulong> Control(SimUserContext ctx, ulong irqSlot, ulong operation, ulong rdx = 0, ulong r10 = 0)
        {
            ctx.Registers.R10 = r10;
            await ctx.Syscall(SyscallNumbers.IrqControl, irqSlot, operation, rdx);
            return ctx.Registers.Rax;
        }
    }
}
