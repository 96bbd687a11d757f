// Notify and NotifyWait (syscalls 4 and 5) decoded without the general dispatcher and capability lookup, in their
// common form: a notification capability with the right, and for NotifyWait no timeout. The state change is the
// verified core's own Notify or NotifyWait and the bookkeeping is NotificationSyscalls.cs's; anything else goes to the
// general path before anything has changed. Where the step ended the common way (the waiter woken, the bits taken,
// the caller blocked) the results are written at once, as SettleThread would write them, and nothing is left to
// settle; otherwise the threads are named for Settle as the general path names them. The same-run test (fast path on
// and off) covers both, and the Sim settle audit checks every entry.
using System.Runtime.CompilerServices;
using CapsTypesC = CapsTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const ulong NotifyWaitForever = 0xFFFFUL << 16;   // the receive field infinite, the others 0

        private byte FastNotify(uint c, ref ThreadRecord me, ref RegisterFile regs)
        {
            ulong slot = regs.Rdi;
            uint index;
            if (slot > 0xFFFF_FFFFUL
                || !FastIpcObject(ref me, (uint)slot, CapsTypesC.TypeNotification, CapsTypesC.RightWrite, out index))
            {
                return FastNotTaken;
            }
            CountFastPath();
            // As NotifyCall: at most one waiter wakes, which the core names, and the caller's result is the core's
            // return value.
            uint code;
            uint waiter;
            Ipc.NotifyWaking(index, regs.Rsi, out code, out waiter);
            regs.Rax = Abi.ResultWord.Ipc(code, false);
            // The caller's result is written; it has nothing pending (it is inside this syscall). The waiter, if it
            // woke, takes its bits now. When it outranks the caller the core runs it next: a hand-over, which leaves
            // Settle nothing and its default untouched. Otherwise Settle is narrowed to what is left (maybe nothing).
            if (me.Pending == PendingResult.None && (waiter == NoThread || SettleBits(waiter)))
            {
                if (Ipc.current != c)
                {
                    return FastHandedOver;
                }
                NarrowSettle();
                return FastTaken;
            }
            NarrowSettle();
            Touch(c);
            Touch(waiter);
            return FastTaken;
        }

        private byte FastNotifyWait(uint c, ref ThreadRecord me, ref RegisterFile regs)
        {
            ulong slot = regs.Rdi;
            uint index;
            if (regs.Rdx != NotifyWaitForever || slot > 0xFFFF_FFFFUL
                || !FastIpcObject(ref me, (uint)slot, CapsTypesC.TypeNotification, CapsTypesC.RightRead, out index))
            {
                return FastNotTaken;
            }
            CountFastPath();
            // As NotifyWaitCall: the caller takes the bits or waits.
            me.Pending = PendingResult.Bits;
            Ipc.NotifyWait(index, Abi.Timeouts.Never, _platform.Now());
            if (Ipc._state[c] == IpcTypes.__default.RecvBlocked)
            {
                // It waits: SettleThread notes the receive phase and nothing else, so the thread the core chose runs
                // next with nothing to settle, as after a hand-over.
                me.ReceivePhase = true;
                return BlockedHandsOver();
            }
            NarrowSettle();
            if (!SettleBits(c))
            {
                Touch(c);
            }
            return FastTaken;
        }

        // What SettleThread and Complete write for thread t (Bits pending) when it can run now: its result word and,
        // after success, the bits. False, with nothing changed, when it is not so simple: t still waits, is not a
        // thread of its own, or a nested fault is in progress (its proxy's settling comes first).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool SettleBits(uint t)
        {
#if MUTANTS
            // The planted bugs live on the general path (Complete).
            return false;
#else
            if (_proxiesBusy != 0)
            {
                return false;
            }
            // A shadow thread (t >= Threads) has no frame (HandOver).
            ref ThreadRecord r = ref _threads[t];
            ISyscallFrame? frame = r.Frame;
            byte s = Ipc._state[t];
            if (r.Pending != PendingResult.Bits || frame == null || r.TransferOf != NoThread
                || (s != IpcTypes.__default.Ready && s != IpcTypes.__default.Running))
            {
                return false;
            }
            r.Pending = PendingResult.None;
            uint code = Ipc._err[t];
            ref RegisterFile regs = ref frame.Registers;
            regs.Rax = Abi.ResultWord.Ipc(code, false);
            if (code == IpcTypes.__default.OK)
            {
                regs.Rsi = Ipc._m._recvWord[t];                                  // argument 1: the bits
            }
            return true;
#endif
        }
    }
}
