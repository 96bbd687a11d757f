// Which threads a kernel entry can have finished, so that Settle need not look at every thread. By default it looks at
// all of them; an operation whose effect on the IPC core is confined to a few threads it can name (a Call, a
// ReplyWait) names them with Touch, and Settle looks at those alone. The same bookkeeping tells the machine whether a
// long transfer can be waiting for its next chunk at all. On the simulated machine AuditSettle checks every narrowed
// Settle against the full one, after every entry of every test and explored schedule.
using System.Runtime.CompilerServices;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        private const int MaxTouched = 4;

        private readonly uint[] _touched = new uint[MaxTouched];
        private int _touchedCount;
        private bool _touchedAll = true;
        private uint _transfers;        // threads whose TransferOf names a sender: _inTransfer[0 .. _transfers - 1]
        private uint[] _inTransfer = null!;
        private uint[] _inTransferAt = null!;   // each such thread's place in _inTransfer
        private uint _proxiesBusy;      // threads whose shadow is in a nested page-fault IPC

#if FREESTANDING
        /// <summary>The booted kernel never audits (the audit is the simulated machine's): a constant, so that the
        /// checks of it compile away.</summary>
        public bool AuditSettle => false;
#else
        /// <summary>Check each narrowed Settle against a full one (costs the full scan it saves: for tests).</summary>
        public bool AuditSettle { get; set; }
#endif

        /// <summary>Threads a narrowed Settle missed (each was then settled by the audit): must stay 0.</summary>
        public ulong AuditFailures { get; private set; }

        /// <summary>The last thread an audit found missed, and its IPC state then (for the failure's message).</summary>
        public uint AuditMissedThread { get; private set; } = NoThread;

        public byte AuditMissedState { get; private set; }

        /// <summary>False when no thread can be the sender of a transfer (IsTransferring is false for all): the
        /// machine can skip its search for a transfer to continue.</summary>
        public bool MayTransfer => (_transfers | _proxiesBusy) != 0;

        /// <summary>MayTransfer right after a hand-over, which is refused while a nested fault is in progress
        /// (HandOver): only the transfers are left to ask about.</summary>
        public bool MayTransferAfterHandOver => _transfers != 0;

        // The current operation changed the IPC state of `thread` (and, with the others it names, of no other thread
        // that was inside a syscall); past MaxTouched threads Settle looks at all.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Touch(uint thread)
        {
            if (_touchedCount < MaxTouched)
            {
                _touched[_touchedCount++] = thread;
            }
            else
            {
                _touchedAll = true;
            }
        }

        // The operation that follows names the threads it changes (Touch); until then nothing is named.
        private void NarrowSettle()
        {
            _touchedAll = false;
            _touchedCount = 0;
        }

        // The common end of a rendezvous, settled at once: `woken` (inside its syscall) can run with its result, and
        // `waiter` (inside its syscall) either waits in its receive phase (a Call's caller, or a ReplyWait whose wait
        // blocked or whose request was taken) or can run with its result too (a Send whose message a receive took).
        // That is what SettleThread does for the two, and no other thread changed, so Settle is left nothing; false
        // (nothing done) otherwise, as for a transfer of strings or a nested fault in progress.
        private bool SettleRendezvous(uint waiter, uint woken)
        {
#if MUTANTS
            // The planted bugs live in SettleThread: every thread goes through it.
            return false;
#else
            if (_proxiesBusy != 0 || woken >= Threads || waiter >= Threads)
            {
                return false;
            }
            ref ThreadRecord w = ref _threads[waiter];
            ref ThreadRecord r = ref _threads[woken];
            byte s = Ipc.state[waiter];
            bool waits = s == IpcTypesC.RecvBlocked || s == IpcTypesC.RecvClosed;
            if (w.Pending == PendingResult.None || r.Pending == PendingResult.None || !IsRunnable(woken)
                || !(waits || IsRunnable(waiter)))
            {
                return false;
            }
            if (waits)
            {
                w.ReceivePhase = true;
            }
            byte kind = r.Pending;
            r.Pending = PendingResult.None;
            if (r.Frame != null)
            {
                Complete(woken, kind, r.Frame);
            }
            if (!waits)
            {
                SettleRunnable(waiter);
            }
            NarrowSettle();
            return true;
#endif
        }

        // SettleRendezvous's second runnable thread, out of line: a Call's rendezvous never has one.
        private void SettleRunnable(uint t)
        {
            ref ThreadRecord me = ref _threads[t];
            byte kind = me.Pending;
            me.Pending = PendingResult.None;
            if (me.Frame != null)
            {
                Complete(t, kind, me.Frame);
            }
        }

        private void SetTransferOf(uint thread, uint sender)
        {
            uint before = _threads[thread].TransferOf;
            if (before == NoThread && sender != NoThread)
            {
                _inTransfer[_transfers] = thread;
                _inTransferAt[thread] = _transfers;
                _transfers++;
            }
            else if (before != NoThread && sender == NoThread)
            {
                // The last one takes the leaving thread's place.
                _transfers--;
                uint last = _inTransfer[_transfers];
                uint at = _inTransferAt[thread];
                _inTransfer[at] = last;
                _inTransferAt[last] = at;
            }
            _threads[thread].TransferOf = sender;
        }

        private void SetProxyBusy(uint thread, bool busy)
        {
            if (_proxyBusy[thread] != busy)
            {
                _proxiesBusy = busy ? _proxiesBusy + 1 : _proxiesBusy - 1;
            }
            _proxyBusy[thread] = busy;
        }

        // What the full Settle would still do after a narrowed one, done, and counted as a failure; so is a transfer's
        // sender that the machine's search would not find (MayTransfer false, or not in the transfer list).
        private void Audit()
        {
            for (uint t = 0; t < Threads; t++)
            {
                if (SettleWouldAct(t))
                {
                    AuditFailures++;
                    AuditMissedThread = t;
                    AuditMissedState = Ipc.state[t];
                    SettleThread(t);
                }
                if (IsTransferring(t) && (!MayTransfer || _threads[t].TransferOf != t))
                {
                    AuditFailures++;
                    AuditMissedThread = t;
                    AuditMissedState = Ipc.state[t];
                }
            }
        }

        // FastHandedOverStarted says the core's current thread has started (the X64 loop then leaves the entry's null
        // flag as it was), and that no nested fault is in progress (the X64 loop's switch then asks only about
        // transfers: MayTransferAfterHandOver): checked with the audit.
        private void AuditStarted(byte fast)
        {
            uint current = Ipc.current;
            if (fast == FastHandedOverStarted
                && (current >= Threads || _threads[current].WaitsForStart || _proxiesBusy != 0))
            {
                AuditFailures++;
                AuditMissedThread = current;
                AuditMissedState = current < CoreThreads ? Ipc.state[current] : (byte)0;
            }
        }

        private bool SettleWouldAct(uint t)
        {
            if (_threads[t].Pending == PendingResult.None)
            {
                return false;
            }
            byte s = Ipc.state[t];
            if (s == IpcTypesC.XferSend && _threads[t].TransferOf != t || s == IpcTypesC.XferRecv && _threads[t].TransferOf != Ipc.obj[t])
            {
                return true;
            }
            bool receiving = s == IpcTypesC.RecvBlocked || s == IpcTypesC.RecvClosed || s == IpcTypesC.XferRecv;
#if MUTANTS
            if (PlantedBug.Is(PlantedBug.ReplyWaitLosesPhase))
            {
                receiving = s == IpcTypesC.RecvBlocked;
            }
#endif
            return receiving ? !_threads[t].ReceivePhase : IsRunnable(t);
        }
    }
}
