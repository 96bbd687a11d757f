// Syscalls 4 Notify and 5 NotifyWait (docs/abi.md section 3) on the IPC core's notifications.
using CapsTypesC = CapsTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private void NotifyCall(uint c, ISyscallFrame frame)
        {
            uint index;
            ulong badge;
            ulong check = LookupObject(_threads[c].Task, frame.GetArgument(0), CapsTypesC.TypeNotification, CapsTypesC.RightWrite,
                out index, out badge);
            if (check != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            // Notify wakes at most one waiter, which the core names: no other thread changes.
            NarrowSettle();
            uint code;
            uint waiter;
            Ipc.NotifyWaking(index, frame.GetArgument(1), out code, out waiter);
            // Notify never blocks the caller: its result is the core's return value (the core keeps err[] for waits).
            frame.SetResult(Abi.ResultWord.Ipc(code, false));
            Touch(c);
            Touch(waiter);
        }

        private void NotifyWaitCall(uint c, ISyscallFrame frame)
        {
            ulong timeouts = frame.GetArgument(2);
            ulong timeout;
            // Only the receive-timeout field has a meaning here; the other bits are reserved.
            if ((timeouts & ~0xFFFF_0000UL) != 0 || !Abi.Timeouts.TryDecode(timeouts, Abi.Timeouts.ReceiveShift, out timeout))
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            uint index;
            ulong badge;
            ulong check = LookupObject(_threads[c].Task, frame.GetArgument(0), CapsTypesC.TypeNotification, CapsTypesC.RightRead,
                out index, out badge);
            if (check != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            _threads[c].Pending = PendingResult.Bits;
            // The caller takes the bits or waits: no other thread changes.
            NarrowSettle();
            Ipc.NotifyWait(index, timeout, _platform.Now());
            Touch(c);
        }
    }
}
