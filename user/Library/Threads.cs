// Thread control from outside: syscall 13 ExchangeRegisters (cancel, abort, set rip and rsp), 15 Yield, 0 Null.
namespace Verified.User.Library
{
    public static class Threads
    {
        public const ulong ControlCancel = 1;
        public const ulong ControlAbort = 2;
        public const ulong ControlSetRip = 4;
        public const ulong ControlSetRsp = 8;
        public const ulong ControlSuspend = 16;
        public const ulong ControlResume = 32;

        /// <summary>ExchangeRegisters: rax; the target's IPC state before the call (r8) in <paramref name="state"/>.</summary>
        public static ulong Exchange(ulong threadSlot, ulong control, ulong rip, ulong rsp, out ulong state)
        {
            SyscallRegisters r;
            ulong result = Syscall.Invoke(SyscallNumbers.ExchangeRegisters, threadSlot, control, rip, rsp, 0, 0, out r);
            state = r.R8;
            return result;
        }

        public static ulong Exchange(ulong threadSlot, ulong control, out ulong state) =>
            Exchange(threadSlot, control, 0, 0, out state);

        /// <summary>Cancels the thread's IPC if it waits before the rendezvous (the target gets ErrCanceled).</summary>
        public static ulong Cancel(ulong threadSlot, out ulong state) => Exchange(threadSlot, ControlCancel, out state);

        /// <summary>Aborts the thread's IPC if it is in a transfer (both sides get ErrAborted).</summary>
        public static ulong Abort(ulong threadSlot, out ulong state) => Exchange(threadSlot, ControlAbort, out state);

        /// <summary>The IPC state of the thread (ExchangeRegisters without control bits); ulong.MaxValue when the call
        /// failed.</summary>
        public static ulong StateOf(ulong threadSlot)
        {
            ulong state;
            return Exchange(threadSlot, 0, out state) == ResultWord.Ok ? state : ulong.MaxValue;
        }

        /// <summary>Gives up the rest of the timeslice; returns rax (0).</summary>
        public static ulong Yield() => Syscall.Invoke(SyscallNumbers.Yield);

        /// <summary>The cheapest kernel entry: does nothing, returns 0.</summary>
        public static ulong Null() => Syscall.Invoke(SyscallNumbers.Null);
    }
}
