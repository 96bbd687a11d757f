// Notify and NotifyWait (syscalls 4 and 5) decoded without the general dispatcher and capability lookup, in their
// common form: a notification capability with the right, and for NotifyWait no timeout. The state change is the
// verified core's own Notify or NotifyWait and the bookkeeping is NotificationSyscalls.cs's, line for line; anything
// else goes to the general path before anything has changed. The same-run test (fast path on and off) covers both.
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
            ulong badge;
            if (slot > 0xFFFF_FFFFUL
                || !FastIpcObject(ref me, (uint)slot, CapsTypesC.TypeNotification, CapsTypesC.RightWrite, out index, out badge))
            {
                return FastNotTaken;
            }
            FastPathHits++;
            // As NotifyCall: at most the highest waiter wakes, and the caller's result is the core's return value.
            uint waiter = Ipc.FindWaiter(index, IpcTypes.__default.DirRecv);
            NarrowSettle();
            regs.Rax = Abi.ResultWord.Ipc(Ipc.Notify(index, regs.Rsi), false);
            Touch(c);
            Touch(waiter);
            return FastTaken;
        }

        private byte FastNotifyWait(uint c, ref ThreadRecord me, ref RegisterFile regs)
        {
            ulong slot = regs.Rdi;
            uint index;
            ulong badge;
            if (regs.Rdx != NotifyWaitForever || slot > 0xFFFF_FFFFUL
                || !FastIpcObject(ref me, (uint)slot, CapsTypesC.TypeNotification, CapsTypesC.RightRead, out index, out badge))
            {
                return FastNotTaken;
            }
            FastPathHits++;
            // As NotifyWaitCall: the caller takes the bits or waits.
            me.Pending = PendingResult.Bits;
            NarrowSettle();
            Ipc.NotifyWait(index, Abi.Timeouts.Never, _platform.Now());
            Touch(c);
            return FastTaken;
        }
    }
}
