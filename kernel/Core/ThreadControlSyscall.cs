// Syscall 12, ThreadControl (docs/abi.md section 3): operation bit 1 sets the pager (r10), bit 2 the exception
// handler (r8), bit 3 deletes the thread. Every bit and slot is validated before any operation applies, so a bad
// word changes nothing; they then apply in bit order, deletion last.
using CapsTypesC = CapsTypes.__default;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const ulong ControlPriority = 1;
        private const ulong ControlPager = 2;
        private const ulong ControlExceptionHandler = 4;
        private const ulong ControlDelete = 8;
        // A handler slot of all ones (the IPC specifiers' Nil) removes the handler.
        private const ulong HandlerSlotNone = 0xFFFF_FFFF;

        private void ThreadControlCall(uint c, ISyscallFrame frame)
        {
            ulong operations = frame.GetArgument(1);
            // Bit 0 (priority) is refused too: the IPC core has no operation that sets a thread's own priority, and
            // writing its scheduling fields from here would bypass the core's proofs (docs/abi.md section 9).
            if ((operations & ControlPriority) != 0
                || (operations & ~(ControlPriority | ControlPager | ControlExceptionHandler | ControlDelete)) != 0)
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            uint task = _threads[c].Task;
            uint target;
            ulong targetBadge;
            ulong check = LookupObject(task, frame.GetArgument(0), CapsTypesC.TypeThread, CapsTypesC.RightWrite,
                out target, out targetBadge);
            uint pager = NoHandler;
            ulong pagerBadge = 0;
            uint handler = NoHandler;
            ulong handlerBadge = 0;
            if (check == Abi.ResultWord.Ok && (operations & ControlPager) != 0)
            {
                check = LookupHandler(task, frame.GetArgument(3), out pager, out pagerBadge);
            }
            if (check == Abi.ResultWord.Ok && (operations & ControlExceptionHandler) != 0)
            {
                check = LookupHandler(task, frame.GetArgument(4), out handler, out handlerBadge);
            }
            if (check == Abi.ResultWord.Ok && !IsLiveThread(target))
            {
                // A stale capability: the thread ended (its id waits for reuse); nothing is left to control.
                check = Abi.ResultWord.Ipc(IpcTypesC.ErrWrongState, false);
            }
            if (check != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            if ((operations & ControlPager) != 0)
            {
                SetPager(target, pager, pagerBadge);
            }
            if ((operations & ControlExceptionHandler) != 0)
            {
                SetExceptionHandler(target, handler, handlerBadge);
            }
            if ((operations & ControlDelete) != 0)
            {
                DeleteThread(target);
            }
            // A thread that deleted itself never returns from the call.
            if (IsLiveThread(c))
            {
                frame.SetResult(Abi.ResultWord.Ok);
            }
        }

        /// <summary>The endpoint a pager or exception handler slot names (the kernel sends to it on the thread's behalf,
        /// so it needs RightWrite), or none for <see cref="HandlerSlotNone"/>.</summary>
        private ulong LookupHandler(uint task, ulong slot, out uint endpoint, out ulong badge)
        {
            if (slot == HandlerSlotNone)
            {
                endpoint = NoHandler;
                badge = 0;
                return Abi.ResultWord.Ok;
            }
            return LookupObject(task, slot, CapsTypesC.TypeEndpoint, CapsTypesC.RightWrite, out endpoint, out badge);
        }
    }
}
