// Results of threads the IPC core lets run again. After every core call the kernel looks for threads that were
// inside a syscall and are runnable now, and writes their results: the core's err[t] as the result word, and for a
// receive the message (tag and length from the core, MR1..MRu from the sender's staged row, badge, reply bit).
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private void Settle()
        {
            for (uint t = 0; t < Threads; t++)
            {
                byte kind = _pending[t];
                if (kind == PendingResult.None)
                {
                    continue;
                }
                byte s = Ipc.state[t];
                bool receiving = s == IpcTypesC.RecvBlocked || s == IpcTypesC.RecvClosed;
#if MUTANTS
                if (PlantedBug.Is(PlantedBug.ReplyWaitLosesPhase))
                {
                    receiving = s == IpcTypesC.RecvBlocked;
                }
#endif
                if (receiving)
                {
                    _receivePhase[t] = true;     // the send phase is over (or there was none)
                    continue;
                }
                if (!IsRunnable(t))
                {
                    continue;
                }
                ISyscallFrame? frame = _frames[t];
                _pending[t] = PendingResult.None;
                if (frame != null)
                {
                    Complete(t, kind, frame);
                }
            }
        }

        private void Complete(uint t, byte kind, ISyscallFrame frame)
        {
            uint code = Ipc.err[t];
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
            bool receivePhase = code == IpcTypesC.ErrRecvTimeout || (code != IpcTypesC.ErrSendTimeout && _receivePhase[t]);
#if MUTANTS
            if (PlantedBug.Is(PlantedBug.TimeoutLosesPhase) && code == IpcTypesC.ErrRecvTimeout)
            {
                receivePhase = false;
            }
#endif
            frame.SetResult(Abi.ResultWord.Ipc(code, receivePhase));
            if (code == IpcTypesC.OK && _hasReceivePhase[t])
            {
                Deliver(t, frame);
            }
        }

        private void Deliver(uint r, ISyscallFrame frame)
        {
            uint s = (uint)Ipc.m.recvFrom[r];
            if (s >= Threads)
            {
                return;
            }
            ulong tag = Ipc.m.recvWord[r];
            ulong length = Ipc.m.recvLen[r];
            // The sender waits for a reply exactly when the rendezvous parked it in a closed receive on us.
            bool waits = Ipc.state[s] == IpcTypesC.RecvClosed && Ipc.obj[s] == r;
            // The answer to r's own Call is no request: r still owes the reply to the thread whose Call it received
            // last (docs/abi.md section 4), so a server that Calls another server for its client can still answer it.
            if (!_inCall[r])
            {
#if MUTANTS
                if (!(PlantedBug.Is(PlantedBug.ReplyTargetKept) && !waits))
#endif
                _replyTo[r] = waits ? s : NoThread;
            }
            frame.SetMessageRegister(0, waits ? tag | Abi.MessageTag.ReplyExpectedBit : tag);
            uint row = s * MessageRegisters;
            for (uint i = 1; i <= length && i < MessageRegisters; i++)
            {
                frame.SetMessageRegister((int)i, _staged[row + i]);
            }
            DeliverItems(s, r, tag);
            frame.SetArgument(1, _sendBadge[s]);
#if MUTANTS
            if (PlantedBug.Is(PlantedBug.BadgeOfReceiver))
            {
                frame.SetArgument(1, _sendBadge[r]);
            }
#endif
        }
    }
}
