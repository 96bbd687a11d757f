// Results of threads the IPC core lets run again. After every core call the kernel first ends the nested page
// faults that are over (FaultProxies.cs), then looks for threads that were inside a syscall and are runnable now, and
// writes their results: the core's err[t] as the result word, and for a receive the message (the tag from the core,
// MR1..MR(u+2t) from the sender's staged row into registers and UTCB, badge, reply bit), and after a transfer the
// bytes it moved.
using System.Runtime.CompilerServices;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Settle()
        {
            if (!_touchedAll && _touchedCount == 0 && _proxiesBusy == 0)
            {
                // The operation settled what it changed itself (SettleRendezvous, HandedOver): nothing is left.
                if (AuditSettle)
                {
                    Audit();
                }
                _touchedAll = true;
                return;
            }
            SettleTouched();
        }

        private void SettleTouched()
        {
            // Ending one nested fault can end no other, so two rounds always reach the fixpoint; the bound keeps a
            // kernel bug from looping.
            bool proxies = false;
            for (int round = 0; round < 4 && _proxiesBusy != 0 && SettleProxies(); round++)
            {
                proxies = true;
            }
            if (_touchedAll || proxies)
            {
                for (uint t = 0; t < Threads; t++)
                {
                    SettleThread(t);
                }
            }
            else
            {
                for (int i = 0; i < _touchedCount; i++)
                {
                    SettleThread(_touched[i]);
                }
                if (AuditSettle)
                {
                    Audit();
                }
            }
            _touchedAll = true;
            _touchedCount = 0;
        }

        // A thread that was inside a syscall: a receive phase it reached is noted, and a result it can take now is
        // written (once: its pending mark goes).
        private void SettleThread(uint t)
        {
            if (t >= Threads)
            {
                return;
            }
            byte kind = _threads[t].Pending;
            if (kind == PendingResult.None)
            {
                return;
            }
            byte s = Ipc.state[t];
            if (s == IpcTypesC.XferSend || s == IpcTypesC.XferRecv)
            {
                SetTransferOf(t, s == IpcTypesC.XferSend ? t : Ipc.obj[t]);
            }
            bool receiving = s == IpcTypesC.RecvBlocked || s == IpcTypesC.RecvClosed || s == IpcTypesC.XferRecv;
#if MUTANTS
            if (PlantedBug.Is(PlantedBug.ReplyWaitLosesPhase))
            {
                receiving = s == IpcTypesC.RecvBlocked;
            }
#endif
            if (receiving)
            {
                _threads[t].ReceivePhase = true;     // the send phase is over (or there was none)
                return;
            }
            if (!IsRunnable(t))
            {
                return;
            }
            ISyscallFrame? frame = _threads[t].Frame;
            _threads[t].Pending = PendingResult.None;
            if (frame != null)
            {
                Complete(t, kind, frame);
            }
        }

        private void Complete(uint t, byte kind, ISyscallFrame frame)
        {
            uint code = Ipc.err[t];
            ref ThreadRecord me = ref _threads[t];
            uint sender = me.TransferOf;
            if (sender < CoreThreads)
            {
                // A fault's reply with strings went through the transfer stage too, but its count is
                // no business of the faulting thread's (below).
                if (kind != PendingResult.Fault)
                {
#if MUTANTS
                    if (!PlantedBug.Is(PlantedBug.TransferredNotReported))
#endif
                    _platform.WriteUtcb(t, TransferredWord, _threads[sender].Copied);
                }
                SetTransferOf(t, NoThread);
            }
            if (kind == PendingResult.Fault)
            {
                // Page-fault and exception IPC is the kernel's, not the thread's: its registers and its UTCB stay as
                // they were (neither the transferred word nor the error-detail word: DeliverItems); a map item in the
                // reply is performed (the access then retries), and an exception reply of two words gives the thread
                // a new rip and rsp (docs/abi.md section 7).
                if (code == IpcTypesC.OK && Ipc.m.recvFrom[t] < CoreThreads)
                {
                    uint handler = (uint)Ipc.m.recvFrom[t];
                    DeliverItems(handler, t, Ipc.m.recvWord[t], receiverSees: false);
                    ResumeAfterException(t, handler, Ipc.m.recvWord[t]);
                }
                return;
            }
            if (kind == PendingResult.Bits)
            {
                frame.SetResult(Abi.ResultWord.Ipc(code, false));
                if (code == IpcTypesC.OK)
                {
                    frame.SetArgument(1, Ipc.m.recvWord[t]);
#if MUTANTS
                    if (PlantedBug.Is(PlantedBug.NotifyDropsBits))
                    {
                        frame.SetArgument(1, 0);
                    }
#endif
                }
                return;
            }
            bool receivePhase = code == IpcTypesC.ErrRecvTimeout || (code != IpcTypesC.ErrSendTimeout && me.ReceivePhase);
#if MUTANTS
            if (PlantedBug.Is(PlantedBug.TimeoutLosesPhase) && code == IpcTypesC.ErrRecvTimeout)
            {
                receivePhase = false;
            }
#endif
            frame.SetResult(Abi.ResultWord.Ipc(code, receivePhase));
            if (code == IpcTypesC.OK && me.HasReceivePhase)
            {
                Deliver(t, frame);
            }
        }

        private void Deliver(uint r, ISyscallFrame frame)
        {
            uint s = (uint)Ipc.m.recvFrom[r];
            if (s >= CoreThreads)
            {
                return;
            }
            ref ThreadRecord receiver = ref _threads[r];
            ref ThreadRecord sender = ref _threads[s];
            ulong tag = Ipc.m.recvWord[r];
            uint words = (uint)Abi.MessageTag.Words(tag);
            // The sender waits for a reply exactly when the rendezvous parked it in a closed receive on us.
            bool waits = Ipc.state[s] == IpcTypesC.RecvClosed && Ipc.obj[s] == r;
            // The answer to r's own Call is no request: r still owes the reply to the thread whose Call it received
            // last (docs/abi.md section 4), so a server that Calls another server for its client can still answer it.
            if (!receiver.InCall)
            {
#if MUTANTS
                if (!(PlantedBug.Is(PlantedBug.ReplyTargetKept) && !waits))
#endif
                receiver.ReplyTo = waits ? s : NoThread;
            }
            frame.SetMessageRegister(0, waits ? tag | Abi.MessageTag.ReplyExpectedBit : tag);
            uint row = s * Abi.MessageTag.MessageRegisters;
            DeliverRegisterWords(ref frame.Registers, row, words);
            uint first = (uint)Abi.MessageTag.RegisterWords + 1;
            uint last = words < Abi.MessageTag.MessageRegisters ? words : Abi.MessageTag.MessageRegisters - 1;
            if (last >= first)
            {
                _platform.WriteUtcbWords(r, first, last - first + 1, _staged, row + first);
            }
            if (Abi.MessageTag.Typed(tag) != 0)
            {
                DeliverItems(s, r, tag, receiverSees: true);
            }
            frame.SetArgument(1, sender.SendBadge);
#if MUTANTS
            if (PlantedBug.Is(PlantedBug.BadgeOfReceiver))
            {
                frame.SetArgument(1, receiver.SendBadge);
            }
#endif
        }
    }
}
