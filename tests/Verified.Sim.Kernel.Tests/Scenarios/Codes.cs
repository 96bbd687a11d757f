// Result words of docs/abi.md section 2 that the scenarios need beyond Results.cs, and the IPC states r8 reports.
namespace Verified.Sim.Kernel.Tests.Scenarios
{
    internal static class Codes
    {
        public const ulong WrongState = 2;
        public const ulong NoPartner = 5;
        public const ulong Aborted = 9;
        public const ulong PartnerKilled = 10;
        public const ulong CopyFailed = 6;
        public const ulong SendPfTimeout = 13;
        public const ulong RecvPfTimeout = 14;
        public const ulong NestedPf = 15;
        public const ulong CapsLimit = 0x1_0009;

        // spec/Ipc/IpcTypes.dfy thread states (ExchangeRegisters returns the target's in r8).
        public const ulong StateSendBlocked = 3;
        public const ulong StateRecvClosed = 6;
        public const ulong StateXferSend = 8;
        public const ulong StateXferRecv = 9;
        public const ulong StateDead = 10;
    }
}
