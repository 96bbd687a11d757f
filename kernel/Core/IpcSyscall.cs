// Syscall 3, Ipc (docs/abi.md section 4): decodes the send and receive specifiers, the timeouts and the tag, looks
// up the capabilities, stages the message (Messages.cs) and the receive buffers, and calls the IPC core's primitive
// for the combination.
using System.Runtime.CompilerServices;
using CapsTypesC = CapsTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const ulong SpecifierNil = 0xFFFF_FFFF;
        public const ulong SpecifierReply = 0xFFFF_FFFE;
        private const ulong CallBit = 1UL << 32;

        private void IpcCall(uint c, ISyscallFrame frame)
        {
            ulong send = frame.GetArgument(0);
            ulong receive = frame.GetArgument(1);
            ulong timeouts = frame.GetArgument(2);
            bool isCall = (send & CallBit) != 0;
            ulong sendSlot = send & 0xFFFF_FFFF;
            ulong sendTimeout;
            ulong receiveTimeout;
            ulong sendPfTimeout;
            ulong receivePfTimeout;
            if ((send >> 33) != 0 || (!isCall && (receive >> 32) != 0) || (isCall && sendSlot >= SpecifierReply)
                || !Abi.Timeouts.TryDecodeAll(timeouts, out sendTimeout, out receiveTimeout, out sendPfTimeout, out receivePfTimeout))
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            _threads[c].SendPfTimeout = sendPfTimeout;
            _threads[c].RecvPfTimeout = receivePfTimeout;
            bool hasSend = sendSlot != SpecifierNil;
            bool hasReceive = isCall || receive != SpecifierNil;
            ulong tag = frame.GetMessageRegister(0);
            if (hasSend && !Abi.MessageTag.IsSendable(tag))
            {
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            uint task = _threads[c].Task;
            ulong now = _platform.Now();

            // Decode the receive phase's object and buffers before anything changes, so that a bad slot or buffer
            // changes nothing.
            uint receiveIndex = 0;
            bool receiveFromThread = false;
            ulong capacity = Abi.MessageTag.MaxWords;
            ulong acceptor = 0;
            if (hasReceive && !isCall)
            {
                ulong ignored;
                ulong check = LookupReceiveObject(task, receive, out receiveIndex, out receiveFromThread, out ignored);
                if (check != Abi.ResultWord.Ok)
                {
                    frame.SetResult(ReceiveFailure(check));
                    return;
                }
            }
            if (hasReceive)
            {
                acceptor = _platform.ReadUtcb(c, AcceptorWord);
                ulong check = ReadBuffers(c, acceptor, out capacity);
                if (check != Abi.ResultWord.Ok)
                {
                    frame.SetResult(ReceiveFailure(check));
                    return;
                }
            }
            _threads[c].InCall = isCall;

            if (!hasSend)
            {
                Begin(c, hasReceive, receivePhase: true);
                // A receive meets at most one partner: the thread named, or the sender the core takes first.
                uint partner = !hasReceive ? NoThread
                    : receiveFromThread ? receiveIndex
                    : Ipc.FindWaiter(receiveIndex, IpcTypes.__default.DirSend);
                NarrowSettle();
                if (!hasReceive)
                {
                    Ipc.Sleep(receiveTimeout, now);
                }
                else if (receiveFromThread)
                {
                    Ipc.Receive(receiveIndex, capacity, Accept(c, acceptor), receiveTimeout, now);
                }
                else
                {
                    Ipc.Wait(receiveIndex, capacity, Accept(c, acceptor), receiveTimeout, now);
                }
                Touch(c);
                Touch(partner);
                return;
            }

            if (sendSlot == SpecifierReply)
            {
                if (receiveFromThread)
                {
                    // The core's ReplyWait ends in an open wait; a reply followed by a closed receive has no primitive.
                    frame.SetResult(Abi.ResultWord.InvalidArgument);
                    return;
                }
                uint to = _threads[c].ReplyTo;
                ulong replyLength;
                ulong replyRights;
                ulong staged = StageMessage(c, frame, task, sendSlot, 0, out replyLength, out replyRights);
                if (staged != Abi.ResultWord.Ok)
                {
                    frame.SetResult(staged);
                    return;
                }
                _threads[c].ReplyTo = NoThread;
                Begin(c, hasReceive, receivePhase: false);
                if (hasReceive)
                {
                    ReplyWait(c, to, tag, replyLength, replyRights, receiveIndex, capacity,
                        Accept(c, acceptor), receiveTimeout, now);
                    return;
                }
                // A reply changes the replier and its partner only.
                NarrowSettle();
                Ipc.Reply(to, tag, replyLength, replyRights, now);
                _threads[c].ReceivePhase = false;
                Touch(c);
                Touch(to);
                return;
            }

            uint endpoint;
            ulong badge;
            ulong sendCheck = LookupObject(task, sendSlot, CapsTypesC.TypeEndpoint, CapsTypesC.RightWrite, out endpoint, out badge);
            if (sendCheck != Abi.ResultWord.Ok)
            {
                frame.SetResult(sendCheck);
                return;
            }
            if (hasReceive && !isCall)
            {
                // Send then an independent receive: the IPC core has no such primitive yet (Call and ReplyWait only).
                frame.SetResult(Abi.ResultWord.InvalidArgument);
                return;
            }
            ulong length;
            ulong itemRights;
            ulong stage = StageMessage(c, frame, task, sendSlot, badge, out length, out itemRights);
            if (stage != Abi.ResultWord.Ok)
            {
                frame.SetResult(stage);
                return;
            }
            if (isCall)
            {
                // The reply lands in the buffers and window read above: the core keeps the caller's capacity for it.
                Ipc.StoreBuffer(c, capacity, Accept(c, acceptor));
#if MUTANTS
                if (PlantedBug.Is(PlantedBug.CallTimeoutsSwapped))
                {
                    Begin(c, true, receivePhase: false);
                    Ipc.Call(endpoint, tag, length, itemRights, receiveTimeout, sendTimeout, now, out _, out _);
                    return;
                }
#endif
                Call(c, endpoint, tag, length, itemRights, sendTimeout, receiveTimeout, now);
            }
            else
            {
                Begin(c, false, receivePhase: false);
                // The send meets at most the receiver the core takes first.
                uint receiver = Ipc.FindWaiter(endpoint, IpcTypes.__default.DirRecv);
                NarrowSettle();
                Ipc.Send(endpoint, tag, length, itemRights, sendTimeout, now);
                Touch(c);
                Touch(receiver);
            }
        }

        // The Call itself, its message staged and its reply buffer stored.
        private void Call(uint c, uint endpoint, ulong tag, ulong length, ulong itemRights, ulong sendTimeout,
            ulong receiveTimeout, ulong now)
        {
            Begin(c, true, receivePhase: false);
            Ipc.Call(endpoint, tag, length, itemRights, sendTimeout, receiveTimeout, now, out _, out _);
            AfterCall(c);
        }

        // What a Call's outcome leaves to settle: the common end at once, otherwise the two threads it can change.
        private void AfterCall(uint c)
        {
            byte after = Ipc.state[c];
            if (after == IpcTypes.__default.RecvClosed && SettleRendezvous(c, Ipc.obj[c]))
            {
                return;
            }
            if (after == IpcTypes.__default.RecvClosed || after == IpcTypes.__default.XferSend
                || after == IpcTypes.__default.CallBlocked)
            {
                // The caller queued, or met a receiver and now waits on it (obj): no other thread's IPC changed.
                NarrowSettle();
                Touch(c);
                Touch(Ipc.obj[c]);
            }
        }

        // The reply to `to` and the open wait on the endpoint, the message staged and Begin done.
        private void ReplyWait(uint c, uint to, ulong tag, ulong length, ulong itemRights,
            uint receiveIndex, ulong capacity, ulong acceptRights, ulong receiveTimeout, ulong now)
        {
            uint code;
            bool partnerWaited;
            Ipc.ReplyWait(to, tag, length, itemRights, receiveIndex, capacity, acceptRights, receiveTimeout, now, out code, out _, out partnerWaited);
            AfterReplyWait(c, to, partnerWaited, code);
        }

        // What a ReplyWait's outcome leaves to settle: the common end at once, otherwise the threads it can change.
        private void AfterReplyWait(uint c, uint to, bool partnerWaits, uint code)
        {
            if (code == IpcTypes.__default.OK || code == IpcTypes.__default.Pending)
            {
                // The reply woke `to` and the wait blocked or took a sender: no other thread's IPC changed.
                NarrowSettle();
                Touch(c);
                Touch(to);
                Touch((uint)Ipc.m.recvFrom[c]);
            }
            MarkReplyPhase(c, to, partnerWaits, code);
            if (code == IpcTypes.__default.Pending && Ipc.state[c] == IpcTypes.__default.RecvBlocked)
            {
                // The wait found no sender: `to` took the reply and is all there is to settle.
                SettleRendezvous(c, to);
            }
        }

        // Which phase a ReplyWait's result belongs to. Once the partner waits for the reply, an error of the reply itself
        // (its strings do not fit, its map items exceed the caller's window: the partner has the same code) belongs to
        // this thread's send phase; any other error belongs to the receive phase; success or a wait, to neither.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void MarkReplyPhase(uint c, uint to, bool partnerWaits, uint code)
        {
            bool replyFailed = partnerWaits && (code == IpcTypes.__default.ErrCopyFailed || code == IpcTypes.__default.ErrMapFailed)
                && Ipc.err[to] == code;
            _threads[c].ReceivePhase = partnerWaits && code != IpcTypes.__default.OK && code != IpcTypes.__default.Pending && !replyFailed;
        }

        /// <summary>The receive specifier's object: an endpoint (open wait) or a thread (closed receive), with RightRead.</summary>
        private ulong LookupReceiveObject(uint task, ulong slot, out uint index, out bool isThread, out ulong badge)
        {
            uint node;
            ulong found = LookupNode(task, slot, out node);
            if (found != Abi.ResultWord.Ok)
            {
                // As an endpoint lookup would fail (the error of a missing slot names no type).
                index = 0;
                badge = 0;
                isThread = false;
                return found;
            }
            isThread = Caps.capType[node] == CapsTypesC.TypeThread;
            return CheckNode(node, isThread ? CapsTypesC.TypeThread : CapsTypesC.TypeEndpoint, CapsTypesC.RightRead,
                out index, out badge);
        }

        /// <summary>An IPC-domain error found while decoding the receive specifier carries the receive-phase bit.</summary>
        private static ulong ReceiveFailure(ulong word) =>
            ((word >> 16) & 0xFF) == Abi.ResultWord.DomainIpc ? word | Abi.ResultWord.ReceivePhaseBit : word;

        private void Begin(uint c, bool hasReceive, bool receivePhase)
        {
            ref ThreadRecord me = ref _threads[c];
            me.Pending = PendingResult.Ipc;
            me.HasReceivePhase = hasReceive;
            me.ReceivePhase = receivePhase;
        }
    }
}
