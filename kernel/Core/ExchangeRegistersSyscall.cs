// Syscall 13, ExchangeRegisters (docs/abi.md section 3): control bit 0 cancels the target's IPC before the
// rendezvous, bit 1 aborts it during a transfer, bits 2 and 3 set its rip (rdx) and rsp (r10) through the machine
// (that is how a thread made by Create starts). r8 returns the target's IPC state as it was when the call was made.
using CapsTypesC = CapsTypes.__default;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const ulong ControlCancel = 1;
        private const ulong ControlAbort = 2;
        private const ulong ControlSetRip = 4;
        private const ulong ControlSetRsp = 8;

        private void ExchangeRegistersCall(uint c, ISyscallFrame frame)
        {
            ulong control = frame.GetArgument(1);
            if ((control & ~(ControlCancel | ControlAbort | ControlSetRip | ControlSetRsp)) != 0)
            {
                // Suspend and resume have no IPC-core state yet.
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            if (((control & ControlSetRip) != 0 && !Abi.UserAddress.IsValid(frame.GetArgument(2)))
                || ((control & ControlSetRsp) != 0 && !Abi.UserAddress.IsValid(frame.GetArgument(3))))
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            uint target;
            ulong badge;
            ulong check = LookupObject(_threads[c].Task, frame.GetArgument(0), CapsTypesC.TypeThread, CapsTypesC.RightWrite,
                out target, out badge);
            if (check != Abi.ResultWord.Ok)
            {
                frame.SetResult(check);
                return;
            }
            byte before = Ipc.state[target];
            // Each operation applies only in its IPC stage (L4's "cancel if in IPC"): otherwise it is not an error.
            bool cancel = (control & ControlCancel) != 0 && IsWaiting(before);
#if MUTANTS
            if (PlantedBug.Is(PlantedBug.CancelSkipsReplyWait) && before == IpcTypesC.RecvClosed)
            {
                cancel = false;
            }
#endif
            if ((control & ControlCancel) != 0 && InNestedFault(target))
            {
                // The target waits in the transfer stage for its nested page-fault IPC: canceling that IPC ends the
                // outer one with ErrNestedPf on both sides (the shadow's Call ends, SettleProxies does the rest).
                Ipc.Cancel(ProxyOf(target));
            }
            else if (cancel)
            {
                Ipc.Cancel(target);
#if MUTANTS
                if (PlantedBug.Is(PlantedBug.CancelLosesError))
                {
                    Ipc.err[target] = IpcTypesC.OK;
                }
#endif
            }
            else if ((control & ControlAbort) != 0 && (before == IpcTypesC.XferSend || before == IpcTypesC.XferRecv))
            {
                Ipc.Abort(target);
            }
            if ((control & (ControlSetRip | ControlSetRsp)) != 0)
            {
                _platform.SetRegisters(target, (control & ControlSetRip) != 0, frame.GetArgument(2),
                    (control & ControlSetRsp) != 0, frame.GetArgument(3));
                if ((control & ControlSetRip) != 0)
                {
                    Start(target);
                }
            }
            frame.SetResult(Abi.ResultWord.Ok);
            frame.SetArgument(2, 0);
            frame.SetArgument(3, 0);
            frame.SetArgument(4, before);
            frame.SetArgument(5, 0);
        }

        private static bool IsWaiting(byte s) =>
            s == IpcTypesC.SendBlocked || s == IpcTypesC.CallBlocked || s == IpcTypesC.RecvBlocked
            || s == IpcTypesC.RecvClosed || s == IpcTypesC.Sleeping;
    }
}
