// Interrupt objects for user drivers: Create type 6 and syscall 14 IrqControl (docs/abi.md section 3).
namespace Verified.User.Library
{
    public static class Irq
    {
        public const ulong OperationAttach = 0;
        public const ulong OperationDetach = 1;
        public const ulong OperationAcknowledge = 2;

        /// <summary>The IRQ object of <paramref name="line"/> in <paramref name="slot"/>, paid by the task in
        /// <paramref name="taskSlot"/>; returns rax.</summary>
        public static ulong Create(uint slot, ulong line, uint taskSlot) => Objects.Create(Objects.TypeIrq, slot, line, taskSlot);

        /// <summary>Each interrupt of the line ORs <paramref name="bits"/> into the notification; returns rax.</summary>
        public static ulong Attach(ulong irqSlot, ulong notificationSlot, ulong bits) =>
            Control(irqSlot, OperationAttach, notificationSlot, bits);

        public static ulong Detach(ulong irqSlot) => Control(irqSlot, OperationDetach, 0, 0);

        /// <summary>Unmasks the line: its next interrupt is delivered.</summary>
        public static ulong Acknowledge(ulong irqSlot) => Control(irqSlot, OperationAcknowledge, 0, 0);

        /// <summary>IrqControl with every argument as given (malformed words too).</summary>
        public static ulong Control(ulong irqSlot, ulong operation, ulong rdx, ulong r10) =>
            Syscall.Invoke(SyscallNumbers.IrqControl, irqSlot, operation, rdx, r10);
    }
}
