// The IPC core's thread states (spec/Ipc/IpcTypes.dfy) that ExchangeRegisters reports in r8.
namespace Verified.User.Library
{
    public static class ThreadStates
    {
        public const ulong Free = 0;
        public const ulong Ready = 1;
        public const ulong Running = 2;
        public const ulong SendBlocked = 3;
        public const ulong CallBlocked = 4;
        public const ulong RecvBlocked = 5;
        public const ulong RecvClosed = 6;
        public const ulong Sleeping = 7;
        public const ulong XferSend = 8;
        public const ulong XferRecv = 9;
        public const ulong Dead = 10;
    }
}
