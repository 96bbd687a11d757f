// Nested page-fault IPC. A page fault inside a long transfer leaves the faulting thread in the transfer stage
// (suspended in the IPC core: pfPending), so the IPC it sends to its pager cannot be its own. Each thread t has a
// shadow thread in the IPC core, ProxyOf(t), that makes this Call for it: the pager receives an ordinary Call (badge
// of t's pager capability, the page-fault message of docs/abi.md section 7) and answers it with Reply. Between
// faults the shadow sleeps without a deadline; a fault wakes it (Cancel), makes it current and lets it Call.
// When its Call ends, the kernel ends the fault in the core: PageFaultDone(t, resolved) with resolved exactly when
// the pager replied; the transfer then retries the access (a page still missing faults again). When the outer IPC
// ends first (page-fault timeout, abort, kill), the shadow's Call is canceled. The shadow is born and dies with t.
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        public const ulong PageFaultLabel = 0xFFFF_FFFF_FFFE;
        public const ulong ExceptionLabel = 0xFFFF_FFFF_FFFD;
        public const ulong NestedFaultBit = 1UL << 63;

        private const ulong FaultWindow = Abi.Flexpage.WindowBase | (Abi.Flexpage.MaxOrder << 4) | Abi.Flexpage.AllRights;

        private bool[] _proxyBusy = null!;         // per thread: its shadow is in a nested page-fault IPC

        private void InitFaultProxies(uint threads)
        {
            _proxyBusy = new bool[threads];
        }

        public uint ProxyOf(uint thread) => Threads + thread;

        /// <summary>True when <paramref name="thread"/>'s nested page-fault IPC is in progress.</summary>
        public bool InNestedFault(uint thread) => thread < Threads && _proxyBusy[thread];

        /// <summary>Gives a new thread its shadow, asleep, at the thread's priority.</summary>
        private void CreateProxy(uint thread, byte priority)
        {
            uint p = ProxyOf(thread);
            byte s = Ipc.state[p];
            if (s != IpcTypesC.Free && s != IpcTypesC.Dead)
            {
                Ipc.Kill(p);
            }
            SetProxyBusy(thread, false);
            _threads[p].ReplyTo = NoThread;
            // A map item in the pager's reply lands in the faulting thread's task.
            _threads[p].Task = _threads[thread].Task;
            if (Ipc.CreateThread(p, priority) == IpcTypesC.OK)
            {
                RetireProxy(p);
            }
        }

        private void KillProxy(uint thread)
        {
            uint p = ProxyOf(thread);
            SetProxyBusy(thread, false);
            _threads[p].Pending = PendingResult.None;
            byte s = Ipc.state[p];
            if (s != IpcTypesC.Free && s != IpcTypesC.Dead)
            {
                Ipc.Kill(p);
            }
        }

        /// <summary>The faulting side <paramref name="t"/> of a suspended transfer Calls its pager through its shadow;
        /// with no pager the fault cannot be resolved and the outer IPC ends with ErrNestedPf at once.</summary>
        private void StartNestedFault(uint t, ulong address, ulong errorCode)
        {
            if (Ipc.pfPending[t] == 0)
            {
                return;
            }
            if (t >= Threads || !HasPager(t) || !WakeProxy(ProxyOf(t)))
            {
                Ipc.PageFaultDone(t, false);
                return;
            }
            uint p = ProxyOf(t);
            SetProxyBusy(t, true);
            SendFaultMessage(p, _pager[t], _pagerBadge[t], PageFaultLabel, address, errorCode | NestedFaultBit, 0, 0);
        }

        /// <summary>Makes the sleeping shadow <paramref name="p"/> the current thread.</summary>
        private bool WakeProxy(uint p)
        {
            if (Ipc.state[p] == IpcTypesC.Sleeping)
            {
                Ipc.Cancel(p);
            }
            if (Ipc.current != p && Ipc.state[p] == IpcTypesC.Ready)
            {
                Ipc.SwitchTo(p);
            }
            return Ipc.current == p && Ipc.state[p] == IpcTypesC.Running;
        }

        /// <summary>Thread <paramref name="c"/> (current) Calls endpoint <paramref name="endpoint"/> with a kernel
        /// message: the label and up to four words, its badge the one of the capability the handler was set with.</summary>
        private void SendFaultMessage(uint c, uint endpoint, ulong badge, ulong label, ulong w1, ulong w2, ulong w3, ulong w4)
        {
            ulong words = label == PageFaultLabel ? 3UL : 4UL;
            uint row = c * Abi.MessageTag.MessageRegisters;
            ulong tag = (label << 16) | words;
            _staged[row] = tag;
            _staged[row + 1] = w1;
            _staged[row + 2] = w2;
            _staged[row + 3] = w3;
            _staged[row + 4] = w4;
            ref ThreadRecord me = ref _threads[c];
            me.StringBytes = 0;
            me.Copied = 0;
            me.SendBadge = badge;
            me.Pending = PendingResult.Fault;
            me.HasReceivePhase = true;
            me.ReceivePhase = false;
            me.InCall = true;
            me.BufferCount = 0;
            // The reply may map the page: its receive window is the whole mapping window (L4's page-fault reply).
            me.Acceptor = AcceptMapBit;
            me.Window = FaultWindow;
            me.CapabilitySlot = 0;
            Ipc.StoreBuffer(c, Abi.MessageTag.MaxWords, Abi.Flexpage.AllRights);
            Ipc.Call(endpoint, tag, words, 0, Abi.Timeouts.Never, Abi.Timeouts.Never, _platform.Now(), out _, out _);
        }

        /// <summary>Ends the nested faults whose shadow's Call ended, and cancels those whose outer IPC ended first.
        /// Returns true when it changed anything (the caller settles again).</summary>
        private bool SettleProxies()
        {
            bool changed = false;
            for (uint t = 0; t < Threads; t++)
            {
                if (!_proxyBusy[t])
                {
                    continue;
                }
                uint p = ProxyOf(t);
                bool suspended = (Ipc.state[t] == IpcTypesC.XferSend || Ipc.state[t] == IpcTypesC.XferRecv)
                    && Ipc.pfPending[t] != 0;
                if (!IsRunnable(p))
                {
                    if (suspended)
                    {
                        continue;
                    }
                    // The outer IPC ended (timeout, abort, kill of the partner): its fault is moot.
#if MUTANTS
                    if (PlantedBug.Is(PlantedBug.ShadowNotWithdrawn))
                    {
                        continue;
                    }
#endif
                    Ipc.Cancel(p);
                    if (!IsRunnable(p))
                    {
                        continue;
                    }
                }
                uint code = Ipc.err[p];
                if (code == IpcTypesC.OK && Ipc.m.recvFrom[p] < CoreThreads)
                {
                    // The pager's reply: its map item (if any) resolves the fault before the copy retries.
                    DeliverItems((uint)Ipc.m.recvFrom[p], p, Ipc.m.recvWord[p], receiverSees: false);
                }
                SetProxyBusy(t, false);
                _threads[p].Pending = PendingResult.None;
                RetireProxy(p);
                if (suspended)
                {
#if MUTANTS
                    if (PlantedBug.Is(PlantedBug.NestedCancelResumes))
                    {
                        code = IpcTypesC.OK;
                    }
#endif
                    Ipc.PageFaultDone(t, code == IpcTypesC.OK);
                }
                changed = true;
            }
            return changed;
        }

        /// <summary>Puts shadow <paramref name="p"/> (Ready or Running) back to sleep without a deadline, and gives the
        /// processor back to the thread that had it, so that a kernel-internal step does not reorder user threads.</summary>
        private void RetireProxy(uint p)
        {
            uint before = Ipc.current;
            if (Ipc.current != p && Ipc.state[p] == IpcTypesC.Ready)
            {
                Ipc.SwitchTo(p);
            }
            if (Ipc.current == p)
            {
                Ipc.Sleep(Abi.Timeouts.Never, _platform.Now());
            }
            if (before != NoThread && before != p && Ipc.current != before && Ipc.state[before] == IpcTypesC.Ready)
            {
                Ipc.SwitchTo(before);
            }
        }
    }
}
