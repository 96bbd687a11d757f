// Page faults and CPU exceptions outside IPC (docs/abi.md section 7): the thread itself Calls its pager or exception
// handler with the kernel's message and waits for the reply; its registers are not touched. A reply lets it go on:
// the faulting access is retried (and faults again if the pager mapped nothing), the exception's instruction
// is continued. A thread without a handler, or whose handler's endpoint is gone, cannot be helped: the machine
// deletes it (L4's rule for a fault nobody handles).
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        /// <summary>A user-mode page fault of <paramref name="thread"/> at <paramref name="address"/> (#PF error code
        /// <paramref name="errorCode"/>, instruction <paramref name="rip"/>). False when nobody can handle it.</summary>
        public bool PageFaultIpc(uint thread, ulong address, ulong errorCode, ulong rip)
        {
            if (thread >= Threads || !HasPager(thread))
            {
                return false;
            }
            return FaultCall(thread, _pager[thread], _pagerBadge[thread], PageFaultLabel, address, errorCode, rip, 0);
        }

        /// <summary>CPU exception <paramref name="vector"/> (not #PF) of <paramref name="thread"/>. False when nobody can
        /// handle it.</summary>
        public bool ExceptionIpc(uint thread, ulong vector, ulong errorCode, ulong rip, ulong rsp)
        {
            if (thread >= Threads || !HasExceptionHandler(thread))
            {
                return false;
            }
            return FaultCall(thread, _exceptionHandler[thread], _exceptionBadge[thread], ExceptionLabel, vector, errorCode,
                rip, rsp);
        }

        private bool FaultCall(uint t, uint endpoint, ulong badge, ulong label, ulong w1, ulong w2, ulong w3, ulong w4)
        {
            if (!IsRunnable(t))
            {
                return false;
            }
            if (Ipc.current != t)
            {
                Ipc.SwitchTo(t);
            }
            _inException[t] = label == ExceptionLabel;
            SendFaultMessage(t, endpoint, badge, label, w1, w2, w3, w4);
            if (IsRunnable(t) && Ipc.err[t] != IpcTypesC.OK)
            {
                // The Call failed at once (the handler's endpoint is gone): nothing will ever answer.
                _threads[t].Pending = PendingResult.None;
                return false;
            }
            // The handler was waiting and now runs with the message: its registers are written at once, as the fast
            // path's hand-over writes a receiver's (MR1..MR4 in r8, r9, r12, r13), and nothing is left to settle.
            if (FastPath && Ipc._state[t] == IpcTypesC.RecvClosed)
            {
                RegisterFile message = default;
                message.R8 = w1;
                message.R9 = w2;
                message.R12 = w3;
                message.R13 = w4;
                if (HandedOver(t, Ipc._obj[t], ref message, waits: true))
                {
                    if (AuditSettle)
                    {
                        Audit();
                    }
                    return true;
                }
            }
            // A Call like any other: the fault message handed to a waiting handler is settled at once, otherwise
            // only the faulting thread and the handler it met or queued for are left to settle.
            AfterCall(t);
            Settle();
            return true;
        }
            // Exception IPC of each thread (not page-fault IPC): its reply may move the thread.
        private bool[] _inException = null!;

        private void InitExceptionReplies(uint threads)
        {
            _inException = new bool[threads];
        }

        /// <summary>An exception reply with exactly two untyped words sets rip = MR1, rsp = MR2 (each below 2^47, as
        /// for ExchangeRegisters: other values leave the thread where it was); any other reply resumes the faulting
        /// instruction.</summary>
        private void ResumeAfterException(uint t, uint handler, ulong tag)
        {
            if (!_inException[t])
            {
                return;
            }
            _inException[t] = false;
            if (Abi.MessageTag.Untyped(tag) != 2)
            {
                return;
            }
            uint row = handler * Abi.MessageTag.MessageRegisters;
            ulong rip = _staged[row + 1], rsp = _staged[row + 2];
            if (Abi.UserAddress.IsValid(rip) && Abi.UserAddress.IsValid(rsp))
            {
                _platform.SetRegisters(t, true, rip, true, rsp);
            }
        }
    }
}
