// Result words of docs/abi.md section 2 as the tests expect them.
namespace Verified.Sim.Kernel.Tests
{
    internal static class Results
    {
        public const ulong Ok = 0;
        public const ulong ReceivePhase = 1UL << 24;
        public const ulong IpcInvalidArgument = 4;
        public const ulong IpcCanceled = 8;
        public const ulong IpcSendTimeout = 11;
        public const ulong IpcRecvTimeout = 12;
        public const ulong IpcWrongObject = 16;
        public const ulong CapsInvalidSlot = 0x1_0002;
        public const ulong CapsEmptySlot = 0x1_0003;
        public const ulong CapsSlotOccupied = 0x1_0004;
        public const ulong CapsInvalidArgument = 0x1_0007;
        public const ulong UnknownSyscall = ulong.MaxValue;

        // spec/Ipc/IpcTypes.dfy states the ExchangeRegisters result reports.
        public const ulong StateRunning = 2;
        public const ulong StateRecvBlocked = 5;
    }
}
