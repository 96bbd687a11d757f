// The IPC fast path, in seL4's manner: the two calls of every client-server exchange, a Call and a server's
// ReplyWait, a plain Send (an event to a waiting thread) and an open Wait (a server's first), decoded without the
// general decoder's detours when they have their common form:
// - a message of untyped words only (no typed items): in registers, and for more than eight words in the UTCB too;
//   a Call or ReplyWait with typed items is taken too, out of line, and staged and delivered as the general path
//   does it;
// - receive buffers (BR0, the acceptor, not 0: for a Call's reply, for the message a ReplyWait or Wait waits for)
//   read as the general path reads them, out of line;
// - the ABI's usual timeouts: a Call or a Send waits forever in every phase; a ReplyWait replies without waiting
//   and waits forever (page-fault timeouts infinite);
// - for a ReplyWait, an endpoint (not a thread) to wait on; a Send has no receive phase; a Wait (receive only)
//   waits on an endpoint, not a thread.
// Anything else, and every error the decoder finds, goes to the general path (IpcCall) before anything has changed
// (a reply to a caller that no longer waits fails in the core, on either path alike). The state change
// is the verified core's own Call or ReplyWait, with the arguments the general path would give it, and every table
// the general path writes is written alike, except that a message handed over at once (HandedOver) is never staged;
// tests/Verified.Shared.Scenarios.Tests runs every shared scenario with the fast path on and off and requires the
// same run.
using System.Runtime.CompilerServices;
using CapsTypesC = CapsTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const ulong CallTimeouts = Abi.Timeouts.Never;               // every field infinite
        private const ulong ReplyWaitTimeouts = 0xFFFF_FFFF_FFFF_0000;       // send phase zero, the rest infinite
        private const ulong FastTagMask = 0xFFC0;                            // typed items, bit 12, reserved bits
        // The time a fast Call gives the core, without reading the clock: the core uses the time only for deadlines
        // (IpcTypes.DeadlineOf), and every deadline a fast Call can set is one of its own timeouts', all infinite. (A
        // Call meets only receivers; a ReplyWait's wait can meet a caller whose finite reply timeout counts from now,
        // so it reads the clock.)
        private const ulong TimeOfInfiniteWaits = 0;

#if FREESTANDING
        /// <summary>The booted kernel always takes the fast path where it applies: a constant, so that its tests
        /// compile away (the hosted tests turn it off to compare the two paths).</summary>
        public bool FastPath => true;
#else
        /// <summary>Take the fast path where it applies (the default); off, every IPC takes the general path.</summary>
        public bool FastPath { get; set; } = true;
#endif

#if !FREESTANDING
        /// <summary>IPC syscalls the fast path handled.</summary>
        public ulong FastPathHits { get; private set; }

        /// <summary>Fast-path IPCs whose rendezvous ended the common way and were completed at once (HandedOver).</summary>
        public ulong FastHandOvers { get; private set; }
#endif

        // The two counts are the hosted tests' (the same-run test requires the fast path to have been taken): the
        // booted kernel, where nothing reads them, does not keep them.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void CountFastPath()
        {
#if !FREESTANDING
            FastPathHits++;
#endif
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void CountHandOver()
        {
#if !FREESTANDING
            FastHandOvers++;
#endif
        }

        // What FastIpc did: nothing (the general path must handle the syscall; nothing changed), the whole syscall
        // (Settle still looks at what it changed), or the whole syscall with nothing left to settle, so that the core's
        // current thread runs next: the partner, its result written at once (HandOver), or after a receive that
        // blocked, the thread the core chose (BlockedHandsOver). FastHandedOverStarted says that thread has started,
        // so that the machine need not ask (StartedWord). A hand-over's partner always has: it had an IPC pending,
        // which only its own syscall sets, and a syscall ends WaitsForStart (set only for a thread just created, with
        // nothing pending).
        public const byte FastNotTaken = 0, FastTaken = 1, FastHandedOver = 2, FastHandedOverStarted = 3;

        // What HalfSyscall returns when the thread cannot make a syscall at all (Syscall returns
        // FastNotTaken then, without the general path): Finish then does nothing either.
        public const byte FastRefused = 4;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte FastIpc(uint c, ref ThreadRecord me, ref RegisterFile regs)
        {
            ulong send = regs.Rdi;
            if ((send >> 32) == 1)
            {
                return FastCall(c, ref me, ref regs);
            }
            if (send == SpecifierReply)
            {
                return FastReplyWait(c, ref me, ref regs);
            }
            return FastSendOrWait(c, ref me, ref regs, send);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte FastIpcOutOfLine(uint c, ref ThreadRecord me, ref RegisterFile regs) => FastIpc(c, ref me, ref regs);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte FastSendOrWait(uint c, ref ThreadRecord me, ref RegisterFile regs, ulong send)
        {
            if (send < SpecifierReply)
            {
                return regs.Rsi == SpecifierNil && regs.Rdx == CallTimeouts ? FastSend(c, ref me, ref regs, (uint)send) : FastNotTaken;
            }
            return send == SpecifierNil && regs.Rsi < SpecifierReply && regs.Rdx == CallTimeouts
                ? FastWait(c, ref me, ref regs, (uint)regs.Rsi) : FastNotTaken;
        }

        // An open wait (no send phase) on the endpoint in `slot`, its timeouts already the usual ones: what the
        // general path does for it, without its decoder. A closed receive (a thread capability) is the general path's.
        // With no sender waiting the caller blocks and nothing is left to settle; a sender it meets is settled at once
        // with it (SettleRendezvous), from the message staged when that sender blocked.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte FastWait(uint c, ref ThreadRecord me, ref RegisterFile regs, uint slot)
        {
            uint endpoint;
            if (!FastReceiveEndpoint(ref me, slot, out endpoint))
            {
                return FastNotTaken;
            }
            ulong acceptor = me.Frame!.ReadUtcb(AcceptorWord);
            ulong capacity = Abi.MessageTag.MaxWords;
            if (acceptor != 0 && ReadBuffers(c, acceptor, out capacity) != Abi.ResultWord.Ok)
            {
                return FastNotTaken;
            }
            CountFastPath();
            ulong now = _platform.Now();
            // The general path's records for a receive without a send phase (Begin with the receive phase begun);
            // the send-side records (strings, badge) are left as they are, as it leaves them.
            me.SendPfTimeout = Abi.Timeouts.Never;
            me.RecvPfTimeout = Abi.Timeouts.Never;
            me.BufferCount = (uint)((acceptor >> 8) & 0xFF);
            me.InCall = false;
            me.Pending = PendingResult.Ipc;
            me.HasReceivePhase = true;
            me.ReceivePhase = true;
            ulong accepted = Accept(c, acceptor);
            // A receive meets at most the sender the core takes first.
            uint partner = Ipc.FindWaiter(endpoint, IpcTypes.__default.DirSend);
            Ipc.Wait(endpoint, capacity, accepted, Abi.Timeouts.Never, now);
            if (partner == NoThread && Ipc._state[c] == IpcTypes.__default.RecvBlocked)
            {
                return BlockedHandsOver();
            }
            if (partner != NoThread && SettleRendezvous(partner, c))
            {
                return FastTaken;
            }
            NarrowSettle();
            Touch(c);
            Touch(partner);
            return FastTaken;
        }

        // The caller of a fast-path receive blocked with nothing else changed but the core's choice of the thread to
        // run: nothing is left to settle, so that thread runs next as after a hand-over (Settle's default untouched).
        // While a nested fault is in progress Settle has its proxies to look at: then it runs, with nothing else named.
        private byte BlockedHandsOver()
        {
            if (_proxiesBusy == 0)
            {
                return FastHandedOver;
            }
            NarrowSettle();
            return FastTaken;
        }

        // A Call on the endpoint in its send specifier's slot, when it has the usual timeouts. A client with receive
        // buffers for the reply (BR0, the acceptor, not 0) takes the same path out of line, as a server's ReplyWait
        // does. Any other IPC goes to FastIpc (the X64 entry sends what looks like a Call here at once: HalfSyscall).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte FastCall(uint c, ref ThreadRecord me, ref RegisterFile regs) =>
            FastCallHot<ReturnToMachine>(c, ref me, ref regs);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte FastCallHot<TExit>(uint c, ref ThreadRecord me, ref RegisterFile regs) where TExit : struct, IHandOverExit
        {
            ulong send = regs.Rdi;
            if ((send >> 32) != 1)
            {
                return FastIpcOutOfLine(c, ref me, ref regs);
            }
            uint slot = (uint)send;
            if (slot >= SpecifierReply || regs.Rdx != CallTimeouts)
            {
                return FastNotTaken;
            }
            if ((regs.R10 & FastTagMask) != 0)
            {
                return FastCallTyped(c, ref me, slot);
            }
            return me.Frame!.ReadUtcb(AcceptorWord) == 0 ? FastCallWith<TExit>(c, ref me, ref regs, slot, 0)
                : FastCallBuffered<TExit>(c, ref me, ref regs, slot);
        }

        // A Call with typed items (string, map, grant or capability items): the general path's Call without its
        // decoder. The message is staged and its items checked as the general path does it (StageMessage), and a bad
        // item leaves the syscall to the general path, which reports it; the delivery is the general path's (Settle,
        // from the staged row), and strings start the transfer stage.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte FastCallTyped(uint c, ref ThreadRecord me, uint slot)
        {
            ISyscallFrame frame = me.Frame!;
            ulong tag = frame.Registers.R10;
            uint endpoint;
            ulong badge;
            if (!Abi.MessageTag.IsSendable(tag) || !FastEndpoint(ref me, slot, CapsTypesC.RightWrite, out endpoint, out badge))
            {
                return FastNotTaken;
            }
            ulong acceptor;
            ulong capacity;
            ulong length;
            ulong itemRights;
            if (!FastStageTyped(c, ref me, frame, slot, badge, isCall: true, out acceptor, out capacity, out length, out itemRights))
            {
                return FastNotTaken;
            }
            ulong now = _platform.Now();
            // The reply lands in the buffers just read: the core keeps the caller's capacity for it.
            Ipc.StoreBuffer(c, capacity, Accept(c, acceptor));
            Call(c, endpoint, tag, length, itemRights, Abi.Timeouts.Never, Abi.Timeouts.Never, now);
            return FastTaken;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte FastCallBuffered<TExit>(uint c, ref ThreadRecord me, ref RegisterFile regs, uint slot)
            where TExit : struct, IHandOverExit =>
            FastCallWith<TExit>(c, ref me, ref regs, slot, me.Frame!.ReadUtcb(AcceptorWord));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte FastCallWith<TExit>(uint c, ref ThreadRecord me, ref RegisterFile regs, uint slot, ulong acceptor)
            where TExit : struct, IHandOverExit
        {
            ulong tag = regs.R10;
            ulong words = Abi.MessageTag.Untyped(tag);
            uint endpoint;
            ulong badge;
            if (!FastEndpoint(ref me, slot, CapsTypesC.RightWrite, out endpoint, out badge))
            {
                return FastNotTaken;
            }
            ulong capacity = Abi.MessageTag.MaxWords;
            if (acceptor != 0 && ReadBuffers(c, acceptor, out capacity) != Abi.ResultWord.Ok)
            {
                return FastNotTaken;
            }
            // From here on it is the general path's work for this case, table by table.
            CountFastPath();
            ulong now = TimeOfInfiniteWaits;
            FastBegin(ref me, isCall: true, badge);
            // The reply lands in the buffers just read: the core keeps the caller's capacity for it.
            Ipc.StoreBuffer(c, capacity, acceptor != 0 ? FastAccept(c, acceptor) : 0);
            uint code;
            bool ran;
            Ipc.Call(endpoint, tag, words, 0, Abi.Timeouts.Never, Abi.Timeouts.Never, now, out code, out ran);
            // The common end: the core's direct path ran the receiver at once with the message, and this thread waits
            // for its reply (the core's CallRan, proved: nothing to read back before the hand-over).
            if (ran)
            {
                uint partner = Ipc.current;
                if (CallHandedOver(c, partner, ref regs, tag, badge))
                {
                    if (words > Abi.MessageTag.RegisterWords)
                    {
                        DeliverUtcbWords(c, partner, words);
                    }
                    default(TExit).HandedOver(this, partner);
                    return FastHandedOverStarted;
                }
            }
            _threads[c].ReceivePhase = false;   // FastBegin's advance mark, taken back
            Stage(c, ref regs, tag, words);
            AfterCall(c);
            return FastTaken;
        }

        // A reply to the caller this thread received last, then an open wait on the endpoint in rsi, when it has the
        // usual timeouts. A server with receive buffers (BR0, the acceptor, not 0) takes the same path out of line, so
        // that the code of the common server, without buffers, knows the acceptor is 0. Any other IPC goes to FastIpc
        // (the X64 entry sends what looks like a ReplyWait here at once: HalfSyscall).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte FastReplyWait(uint c, ref ThreadRecord me, ref RegisterFile regs) =>
            FastReplyWaitHot<ReturnToMachine>(c, ref me, ref regs);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte FastReplyWaitHot<TExit>(uint c, ref ThreadRecord me, ref RegisterFile regs) where TExit : struct, IHandOverExit
        {
            if (regs.Rdi != SpecifierReply)
            {
                return FastIpcOutOfLine(c, ref me, ref regs);
            }
            if (regs.Rdx != ReplyWaitTimeouts)
            {
                return FastNotTaken;
            }
            if ((regs.R10 & FastTagMask) != 0)
            {
                return FastReplyWaitTyped(c, ref me);
            }
            ulong acceptor = me.Frame!.ReadUtcb(AcceptorWord);
            return acceptor == 0 ? FastReplyWaitWith<TExit>(c, ref me, ref regs, 0)
                : FastReplyWaitBuffered<TExit>(c, ref me, ref regs, acceptor);
        }

        // A ReplyWait whose reply has typed items (a pager's map item, a string): the general path's reply and wait
        // without its decoder, the reply staged, checked and delivered as the general path does it (StageMessage,
        // Settle).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte FastReplyWaitTyped(uint c, ref ThreadRecord me)
        {
            ISyscallFrame frame = me.Frame!;
            ulong tag = frame.Registers.R10;
            ulong slot = frame.Registers.Rsi;
            uint endpoint;
            if (!Abi.MessageTag.IsSendable(tag) || slot > 0xFFFF_FFFFUL || !FastReceiveEndpoint(ref me, (uint)slot, out endpoint))
            {
                return FastNotTaken;
            }
            uint to = me.ReplyTo;
            ulong acceptor;
            ulong capacity;
            ulong length;
            ulong itemRights;
            if (!FastStageTyped(c, ref me, frame, SpecifierReply, 0, isCall: false, out acceptor, out capacity, out length, out itemRights))
            {
                return FastNotTaken;
            }
            ulong now = _platform.Now();
            me.ReplyTo = NoThread;
            Begin(c, true, receivePhase: false);
            ReplyWait(c, to, tag, length, itemRights, endpoint, capacity, Accept(c, acceptor), Abi.Timeouts.Never, now);
            return FastTaken;
        }

        // What both typed IPCs read and record before the core's step, as the general path does: the receive buffers
        // (ReadBuffers), the message staged with its items checked (StageMessage), the page-fault timeouts (infinite)
        // and whether it is a Call. False when a buffer or an item is bad, with nothing written that the general path,
        // which then reports it, would not write alike.
        private bool FastStageTyped(uint c, ref ThreadRecord me, ISyscallFrame frame, ulong sendSlot, ulong badge, bool isCall,
            out ulong acceptor, out ulong capacity, out ulong length, out ulong itemRights)
        {
            acceptor = frame.ReadUtcb(AcceptorWord);
            length = 0;
            itemRights = 0;
            if (ReadBuffers(c, acceptor, out capacity) != Abi.ResultWord.Ok
                || StageMessage(c, frame, me.Task, sendSlot, badge, out length, out itemRights) != Abi.ResultWord.Ok)
            {
                return false;
            }
            CountFastPath();
            me.SendPfTimeout = Abi.Timeouts.Never;
            me.RecvPfTimeout = Abi.Timeouts.Never;
            me.InCall = isCall;
            return true;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte FastReplyWaitBuffered<TExit>(uint c, ref ThreadRecord me, ref RegisterFile regs, ulong acceptor)
            where TExit : struct, IHandOverExit =>
            FastReplyWaitWith<TExit>(c, ref me, ref regs, acceptor);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte FastReplyWaitWith<TExit>(uint c, ref ThreadRecord me, ref RegisterFile regs, ulong acceptor)
            where TExit : struct, IHandOverExit
        {
            ulong tag = regs.R10;
            ulong words = Abi.MessageTag.Untyped(tag);
            uint endpoint;
            ulong slot = regs.Rsi;
            if (slot > 0xFFFF_FFFFUL || !FastReceiveEndpoint(ref me, (uint)slot, out endpoint))
            {
                return FastNotTaken;
            }
            // Whether the caller still waits for this reply is the core's to ask (ReplyWait's `waited`): a reply to
            // nobody fails in the core as it does on the general path, and AfterReplyWait places the error alike.
            uint to = me.ReplyTo;
            ulong capacity = Abi.MessageTag.MaxWords;
            if (acceptor != 0 && ReadBuffers(c, acceptor, out capacity) != Abi.ResultWord.Ok)
            {
                return FastNotTaken;
            }
            CountFastPath();
            ulong now = _platform.Now();   // the wait may meet a caller whose reply timeout counts from now
            FastBegin(ref me, isCall: false, 0);
            me.ReplyTo = NoThread;
            ulong accepted = acceptor != 0 ? FastAccept(c, acceptor) : 0;
            uint code;
            bool ran;
            bool waited;
            Ipc.ReplyWait(to, tag, words, 0, endpoint, capacity, accepted, Abi.Timeouts.Never, now, out code, out ran, out waited);
            // The common end: the core's direct path ran the caller at once with the reply, and this thread waits on
            // its endpoint (the core's Ran, proved: nothing to read back before the hand-over).
            if (ran && ReplyHandedOver(c, to, ref regs, tag))
            {
                if (words > Abi.MessageTag.RegisterWords)
                {
                    DeliverUtcbWords(c, to, words);
                }
                default(TExit).HandedOver(this, to);
                return FastHandedOverStarted;
            }
            // A server under load: the reply woke the caller behind this thread, whose wait took the next request.
            // (Here and below, FastBegin's advance mark of the receive phase is rewritten before anything reads it:
            // TookNext and AfterReplyWait begin with MarkReplyPhase.)
            // (OK: the reply was taken, so its caller waited: a reply to nobody ends with ErrNoPartner.)
            if (code == IpcTypes.__default.OK && RepliedTo(c, to, ref regs))
            {
                if (words > Abi.MessageTag.RegisterWords)
                {
                    DeliverUtcbWords(c, to, words);
                }
                return TookNext(c, to);
            }
            Stage(c, ref regs, tag, words);
            AfterReplyWait(c, to, waited, code);
            return FastTaken;
        }

        // After a reply handed over (RepliedTo), the request this thread's wait took: settled at once with its sender
        // (SettleRendezvous), or else the two are Settle's. Out of line: the common ReplyWait, whose wait blocks,
        // never gets here.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private byte TookNext(uint c, uint to)
        {
            MarkReplyPhase(c, to, true, IpcTypes.__default.OK);
            uint sender = (uint)Ipc.m.recvFrom[c];
            if (!SettleRendezvous(sender, c))
            {
                NarrowSettle();
                Touch(c);
                Touch(sender);
            }
            return FastTaken;
        }

        // A Send on the endpoint in `slot` without a receive phase, its timeouts already the usual ones. Handed over
        // when it meets a waiting receiver that then runs (it outranks the sender): the receiver's registers and the
        // sender's result are written at once. Otherwise the two threads the general path names are settled.
        private byte FastSend(uint c, ref ThreadRecord me, ref RegisterFile regs, uint slot)
        {
            ulong tag = regs.R10;
            ulong words = Abi.MessageTag.Untyped(tag);
            uint endpoint;
            ulong badge;
            if ((tag & FastTagMask) != 0 || !FastEndpoint(ref me, slot, CapsTypesC.RightWrite, out endpoint, out badge))
            {
                return FastNotTaken;
            }
            CountFastPath();
            ulong now = _platform.Now();
            // What the general path records for a Send (Begin without a receive phase): no buffers are read.
            me.SendPfTimeout = Abi.Timeouts.Never;
            me.RecvPfTimeout = Abi.Timeouts.Never;
            me.InCall = false;
            me.StringBytes = 0;
            me.Copied = 0;
            me.SendBadge = badge;
            me.Pending = PendingResult.Ipc;
            me.HasReceivePhase = false;
            me.ReceivePhase = false;
            // The send meets at most the receiver the core takes first.
            uint receiver = Ipc.FindWaiter(endpoint, IpcTypes.__default.DirRecv);
            Ipc.Send(endpoint, tag, words, 0, Abi.Timeouts.Never, now);
            // The sender's own completion (SettleThread and Complete for a runnable sender with no receive phase),
            // checked before the hand-over changes anything.
            byte state = Ipc._state[c];
            if (Ipc._err[c] == IpcTypes.__default.OK && me.TransferOf == NoThread
                && (state == IpcTypes.__default.Ready || state == IpcTypes.__default.Running)
                && HandedOver(c, receiver, ref regs, waits: false))
            {
                if (words > Abi.MessageTag.RegisterWords)
                {
                    DeliverUtcbWords(c, receiver, words);
                }
                // HandedOver marks its sender's receive phase begun, as a Call or ReplyWait needs; a Send has none. (Moving
                // that mark to the two callers that wait cost the round trip 9 instructions: `me` live across the call.)
                me.ReceivePhase = false;
                me.Pending = PendingResult.None;
                regs.Rax = Abi.ResultWord.Ipc(IpcTypes.__default.OK, false);
                return FastHandedOverStarted;
            }
            Stage(c, ref regs, tag, words);
            NarrowSettle();
            Touch(c);
            Touch(receiver);
            return FastTaken;
        }

        // The endpoint capability in the caller's slot with `right`: CheckNode's answer for that case (IPC objects are
        // numbered from 0). False for anything else, which the general path reports.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool FastEndpoint(ref ThreadRecord me, uint slot, byte right, out uint endpoint, out ulong badge) =>
            FastIpcObject(ref me, slot, CapsTypesC.TypeEndpoint, right, out endpoint, out badge);

        // The endpoint a receive waits on (the right to read it): the badge comes with the message.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool FastReceiveEndpoint(ref ThreadRecord me, uint slot, out uint endpoint) =>
            FastIpcObject(ref me, slot, CapsTypesC.TypeEndpoint, CapsTypesC.RightRead, out endpoint);

        // The same for an IPC object of `type` (an endpoint or a notification).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool FastIpcObject(ref ThreadRecord me, uint slot, byte type, byte right, out uint index, out ulong badge)
        {
            uint x = Caps.LookupTyped(me.Task, slot, type, right);
            if (x == CapsTypesC.Nil)
            {
                index = 0;
                badge = 0;
                return false;
            }
            ulong obj;
            Caps.CapAt(x, out obj, out badge);
            index = (uint)(obj - Objects.OfIpcObject(0));
            return true;
        }

        // The same without the badge, which a receive (the badge comes with the message) and a notification do not
        // use: one load less.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool FastIpcObject(ref ThreadRecord me, uint slot, byte type, byte right, out uint index)
        {
            uint x = Caps.LookupTyped(me.Task, slot, type, right);
            if (x == CapsTypesC.Nil)
            {
                index = 0;
                return false;
            }
            index = (uint)(Caps.ObjAt(x) - Objects.OfIpcObject(0));
            return true;
        }

        // What the general path records for an IPC of this form before the core's step: the page-fault timeouts
        // infinite, no buffers or strings, the badge of a Call (0 for a reply), BR0 = 0 (no map window, no capability
        // slot), and Begin's pending result. The receive phase is marked begun in advance, as the common end (a
        // hand-over) leaves it, so that the hand-over need not look up the sender's record to set it. The other ends
        // of the fast Call take it back; those of the fast ReplyWait rewrite it (MarkReplyPhase) before anything
        // reads it.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void FastBegin(ref ThreadRecord me, bool isCall, ulong badge)
        {
            // In the record's field order, so that the code generator can merge neighbouring constant stores.
            me.SendBadge = badge;
            me.Transfer = default;   // no transfer, strings or buffers, BR0 = 0, page-fault timeouts infinite
            me.Pending = PendingResult.Ipc;
            me.ReceivePhase = true;
            me.HasReceivePhase = true;
            me.InCall = isCall;
        }

        // The receive buffers of a Call's reply or of a ReplyWait's wait: ReadBuffers has stored the string buffers
        // (FastBegin cleared their count), and Accept records BR0..BR2, as the general path does.
        private ulong FastAccept(uint c, ulong acceptor)
        {
            _threads[c].BufferCount = (uint)((acceptor >> 8) & 0xFF);
            return Accept(c, acceptor);
        }

        // A hand-over's MR9.., straight from the sender's UTCB into the receiver's, as Deliver writes them (the
        // sender's UTCB is as it was at the syscall: nothing ran since). Out of line: the common register-only message
        // pays one comparison for it.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void DeliverUtcbWords(uint from, uint to, ulong words)
        {
            uint first = (uint)Abi.MessageTag.RegisterWords + 1;
            _platform.CopyUtcbWords(from, to, first, (uint)words - first + 1);
        }

        // The message as the general path stages it, for a delivery that comes later. After the core's step, before
        // anything is delivered: the caller's registers and UTCB still hold what it sent.
        private void Stage(uint c, ref RegisterFile regs, ulong tag, ulong words)
        {
            uint row = c * Abi.MessageTag.MessageRegisters;
            if (words > Abi.MessageTag.RegisterWords)
            {
                uint first = (uint)Abi.MessageTag.RegisterWords + 1;
                _platform.ReadUtcbWords(c, first, (uint)words - first + 1, _staged, row + first);
            }
            _staged[row] = tag;
            StageRegisterWords(ref regs, row, words);
        }

        // A rendezvous of the fast path that ended the common way: the sender `waiter` now waits in its receive phase
        // (for the reply after a Call, on the endpoint after a ReplyWait; FastSend completes a Send's sender itself),
        // and the receiver `woken` runs with the message, received without a transfer, typed items or an error. What
        // SettleRendezvous, Complete and Deliver write for that, written at once and straight from the sender's
        // registers (never staged); the caller then delivers MR9.. (DeliverUtcbWords). `waits`: the sender waits for
        // woken's reply. False, with nothing changed, when it did not end so. Marked for inlining: the fast Call and
        // ReplyWait have no budget left for it and keep the call; the fault IPC inlines it.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool HandedOver(uint waiter, uint woken, ref RegisterFile from, bool waits)
        {
            bool delivered;
            ulong tag;
            Ipc.Delivered(woken, waiter, out delivered, out tag);
            if (!delivered || !HandOver(waiter, woken, ref from, waits, tag, _threads[waiter].SendBadge, untyped: false))
            {
                return false;
            }
            _threads[waiter].ReceivePhase = true;
            return true;
        }

        // The hand-over of the fast Call and ReplyWait, once the core said that `woken` runs with `tag` received from
        // `waiter` (its CallRan or Ran): HandOver, with the sender's badge from the caller (a Call's capability, 0
        // for a reply). The sender's receive phase is already marked (FastBegin). Out of line: both keep the call.
        // One for each, so that each passes its arguments in registers and the hand-over knows whether the sender
        // waits for a reply. Both tags are the sender's MR0, which FastCall and FastReplyWait found untyped.
        private bool CallHandedOver(uint caller, uint receiver, ref RegisterFile from, ulong tag, ulong badge) =>
            HandOver(caller, receiver, ref from, waits: true, tag, badge, untyped: true);

        private bool ReplyHandedOver(uint replier, uint caller, ref RegisterFile from, ulong tag) =>
            HandOver(replier, caller, ref from, waits: false, tag, 0, untyped: true);

        // A ReplyWait's reply that woke `to` behind its replier, which took the next request in its wait (a server
        // under load): `to` can run with the reply, written at once from the replier's registers as HandedOver writes
        // it. The replier's own result is its wait's (TookNext). False, with nothing changed, when the reply did
        // not end so.
        private bool RepliedTo(uint replier, uint to, ref RegisterFile from)
        {
            bool delivered;
            ulong tag;
            Ipc.DeliveredTo(to, replier, out delivered, out tag);
            // A reply carries no badge (FastBegin recorded 0 for this thread).
            return delivered && HandOver(replier, to, ref from, waits: false, tag, 0, untyped: false);
        }

        // What the hand-overs write once the core says `woken` received `tag` from `waiter` (whose registers are
        // `from` and whose send carried `badge`): its result, tag, message registers and the badge (Settle is then
        // left nothing for it). False, with nothing changed, for a receive the general path must complete (typed
        // items, a transfer, a nested fault in progress). `untyped`: the caller found no typed item in the tag.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool HandOver(uint waiter, uint woken, ref RegisterFile from, bool waits, ulong tag, ulong badge, bool untyped)
        {
#if MUTANTS
            // Every hand-over refuses here: the planted bugs live on the general path (SettleThread, Complete,
            // Deliver), which then writes the results.
            return false;
#else
            if (_proxiesBusy != 0)
            {
                return false;
            }
            // `woken` is a core thread; a shadow (a page-fault proxy, woken >= Threads) has no frame, and so is
            // refused with the threads whose frame is gone.
            ref ThreadRecord r = ref _threads[woken];
            ISyscallFrame? to = r.Frame;
            ulong words = Abi.MessageTag.Untyped(tag);
            if (r.Pending != PendingResult.Ipc || !r.HasReceivePhase || r.TransferOf != NoThread || to == null
                || (!untyped && (tag & FastTagMask) != 0))
            {
                return false;
            }
            r.Pending = PendingResult.None;
            CountHandOver();
            ref RegisterFile into = ref to.Registers;
            into.Rax = Abi.ResultWord.Ipc(IpcTypes.__default.OK, r.ReceivePhase);
            if (!r.InCall)
            {
                r.ReplyTo = waits ? waiter : NoThread;
            }
            into.R10 = waits ? tag | Abi.MessageTag.ReplyExpectedBit : tag;   // MR0
            RegisterFile.CopyMessageRegisters(ref from, ref into, words);
            into.Rsi = badge;                                                   // argument 1
            return true;
#endif
        }
    }
}
