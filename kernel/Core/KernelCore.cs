// The machine-independent kernel: the verified IPC and capability cores, the per-thread state the syscall layer
// keeps beside them, boot-time object setup, and the syscall dispatch of docs/abi.md. A machine calls Syscall for a
// kernel entry, Tick for its timer and ThreadExited when a thread ends; after each it asks IsRunnable per thread
// (and TopRunnablePriority to enforce priorities).
using System.Runtime.CompilerServices;
using CapsSpace;
using IpcState;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        public const uint NoThread = 0xFFFF_FFFF;

        private readonly IKernelPlatform _platform;
        // The syscall layer's own state of each IPC-core thread (ThreadRecord.cs).
        private readonly ThreadRecord[] _threads;
        // MR0..MR8 of each thread's last send, kept here because the IPC core carries one word (the tag) and a
        // length: the receiver copies MR1..MRu from the sender's row at the rendezvous.
        private readonly ulong[] _staged;
        private ulong _lastTick;

        public KernelCore(IKernelPlatform platform, uint threads, uint ipcObjects, uint tasks, uint slotsPerTask)
        {
            _platform = platform;
            Objects = new ObjectIds(ipcObjects, threads, tasks);
            // Each thread has a shadow thread in the IPC core (ids threads..2*threads-1) that carries its nested
            // page-fault IPC while the thread itself stays in its suspended transfer (FaultProxies.cs).
            uint coreThreads = 2 * threads;
            Ipc = new IpcKernel();
            Ipc.__ctor(coreThreads, ipcObjects);
            Caps = new CapSpace();
            Caps.__ctor(tasks, slotsPerTask, Objects.Total);
            _threads = new ThreadRecord[coreThreads];
            _staged = new ulong[coreThreads * Abi.MessageTag.MessageRegisters];
            for (uint t = 0; t < coreThreads; t++)
            {
                _threads[t].ReplyTo = NoThread;
            }
            InitFaultHandlers(threads);
            InitExceptionReplies(coreThreads);
            InitMessages(coreThreads);
            InitTransfers(coreThreads);
            InitFaultProxies(threads);
            InitInterruptLines();
            InitTasks(tasks);
            InitMemory(platform, tasks, coreThreads);
        }

        // Fields, not properties: the hot paths read them at every step, and a large caller can exhaust the code
        // generator's inlining budget before it reaches a getter.
        public readonly IpcKernel Ipc;

        public readonly CapSpace Caps;

        public ObjectIds Objects { get; }

        public uint Threads => Objects.Threads;

        /// <summary>Threads of the IPC core: the kernel's threads and their page-fault shadows.</summary>
        public uint CoreThreads => 2 * Objects.Threads;

        /// <summary>True when the IPC core lets <paramref name="thread"/> run (Ready or Running).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool IsRunnable(uint thread)
        {
            byte s = Ipc.state[thread];
            return s == IpcTypes.__default.Ready || s == IpcTypes.__default.Running;
        }

        /// <summary>The highest priority of a runnable thread, or -1 when none is: a machine that lets only threads of
        /// this priority run enforces the core's fixed priorities.</summary>
        public int TopRunnablePriority()
        {
            int top = -1;
            for (uint t = 0; t < Threads; t++)
            {
                if ((IsRunnable(t) || IsTransferring(t)) && SchedulingPriority(t) > top)
                {
                    top = SchedulingPriority(t);
                }
            }
            return top;
        }

        /// <summary>The priority the machine runs thread <paramref name="thread"/> at: the core's effective priority,
        /// which includes what a waiting thread lends it (spec/Ipc/IpcState.dfy: Lend).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public byte SchedulingPriority(uint thread)
        {
#if MUTANTS
            if (PlantedBug.Is(PlantedBug.LentPriorityIgnored))
            {
                return (byte)Ipc.m.own[thread];
            }
#endif
            return Ipc.prio[thread];
        }

        /// <summary>Handles the syscall in <paramref name="thread"/>'s registers (the machine chose to run it, so the core
        /// makes it current first). Results of every thread the call woke are written before it returns.
        /// FastHandedOver or FastHandedOverStarted: it was an IPC of the fast path that left nothing to settle: a
        /// receive that blocked (the thread the core chose runs next, or none), or (Started) a rendezvous that ended
        /// the common way (the core's current thread, the partner, runs next with its result, and has started); the
        /// machine may switch to the core's current thread without choosing.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public byte Syscall(uint thread)
        {
            ISyscallFrame? frame = _threads[thread].Frame;
            return frame == null ? FastNotTaken : Syscall(thread, ref frame.Registers);
        }

        /// <summary><see cref="Syscall(uint)"/> with the thread's registers as its frame names them
        /// (<see cref="ISyscallFrame.Registers"/>), which the machine's entry has at hand: the fast path then reads them
        /// without asking the frame.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public byte Syscall(uint thread, ref RegisterFile regs)
        {
            ref ThreadRecord me = ref _threads[thread];
            if (!Enters(thread, ref me))
            {
                return FastNotTaken;
            }
            ulong number = regs.Rax;
            byte fast = number == Abi.SyscallNumber.Ipc && FastPath ? FastIpc(thread, ref me, ref regs)
                : !FastPath ? FastNotTaken
                : number == Abi.SyscallNumber.Notify ? FastNotify(thread, ref me, ref regs)
                : number == Abi.SyscallNumber.NotifyWait ? FastNotifyWait(thread, ref me, ref regs)
                : FastNotTaken;
            return Finish(thread, ref me, ref regs, fast);
        }

        /// <summary><see cref="Syscall(uint)"/> entered as the X64 entry enters it (boot/X64/UserMode.S): an IPC syscall
        /// whose send specifier has bit 32 set (a Call's form) or is a reply's (a ReplyWait's form) through
        /// <see cref="HalfSyscall"/>, followed by
        /// <see cref="Finish"/> unless it handed over; every other syscall through Syscall. The same result as
        /// Syscall: the simulated machine enters so, and its tests compare the two.</summary>
        public byte SyscallAsEntered(uint thread)
        {
            ISyscallFrame? frame = _threads[thread].Frame;
            if (frame == null)
            {
                return FastNotTaken;
            }
            ref RegisterFile regs = ref frame.Registers;
            if (regs.Rax != Abi.SyscallNumber.Ipc || ((regs.Rdi >> 32) & 1) == 0 && regs.Rdi != SpecifierReply)
            {
                return Syscall(thread, ref regs);
            }
            byte fast = ((regs.Rdi >> 32) & 1) != 0 ? HalfSyscall<ReturnToMachine>(thread, ref regs, call: true)
                : HalfSyscall<ReturnToMachine>(thread, ref regs, call: false);
            return fast == FastHandedOverStarted && !AuditSettle ? fast : Finish(thread, ref regs, fast);
        }

        /// <summary>The fast part of <see cref="Syscall(uint, ref RegisterFile)"/> for an IPC syscall in a Call's form
        /// (<paramref name="call"/>) or a ReplyWait's (a machine's entry that can tell them apart at once), with that
        /// half's fast path compiled into it (<paramref name="call"/> a constant at each call site): the machine then
        /// calls <see cref="Finish"/> unless the result is <see cref="FastHandedOverStarted"/> (which Finish would only
        /// audit). The machine's entry chose it by the syscall number, which it need not test again: an IPC syscall of
        /// any other form is handled alike, as Syscall would. <see cref="FastRefused"/>: the thread cannot
        /// make a syscall now (no frame, or not runnable), and nothing happened, as Syscall then does nothing.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public byte HalfSyscall<TExit>(uint thread, ref RegisterFile regs, bool call) where TExit : struct, IHandOverExit
        {
#if !FREESTANDING
            if (regs.Rax != Abi.SyscallNumber.Ipc)
            {
                throw new System.InvalidOperationException("HalfSyscall: the machine's entry chose it for a syscall other than IPC");
            }
#endif
            ref ThreadRecord me = ref _threads[thread];
            if (!Enters(thread, ref me))
            {
                return FastRefused;
            }
            if (!FastPath)
            {
                return FastNotTaken;
            }
            return call ? FastCallHot<TExit>(thread, ref me, ref regs) : FastReplyWaitHot<TExit>(thread, ref me, ref regs);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Enters(uint thread, ref ThreadRecord me)
        {
            if (me.Frame == null)
            {
                return false;
            }
            // The core's current thread is Running (the core's invariant); any other must be runnable to become it.
            if (Ipc.current != thread)
            {
                if (!IsRunnable(thread))
                {
                    return false;
                }
                MakeCurrent(thread);
            }
            // A thread that makes a syscall has started (a cancel may have woken it before its rip was set).
            me.WaitsForStart = false;
            return true;
        }

        /// <summary>What <see cref="Syscall(uint, ref RegisterFile)"/> does after its fast path, whose result is
        /// <paramref name="fast"/>: for a machine that called <see cref="HalfSyscall"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public byte Finish(uint thread, ref RegisterFile regs, byte fast) =>
            fast == FastRefused ? FastNotTaken : Finish(thread, ref _threads[thread], ref regs, fast);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte Finish(uint thread, ref ThreadRecord me, ref RegisterFile regs, byte fast)
        {
            if (fast >= FastHandedOver)
            {
                // The hand-over settled both threads and left Settle's default untouched: what Settle would do then.
                if (AuditSettle)
                {
                    Audit();
                    AuditStarted(fast);
                }
                return fast;
            }
            if (fast != FastNotTaken)
            {
                // (FastTaken: a constant, so that the code generator keeps no register for it across Settle.)
                Settle();
                return FastTaken;
            }
            // The number read again rather than kept live across the fast path, which changed nothing when not taken.
            if (!IsIpcFamily(regs.Rax))
            {
                DriverEpoch++;
            }
            // The frame read again rather than kept live across the fast path, which changed nothing when not taken.
            Dispatch(thread, me.Frame!);
            Settle();
            return FastNotTaken;
        }

        // The core's SwitchTo, out of line: the machine's syscall entry, which inlines Syscall, never needs it (its
        // thread is the core's current one), and its queue work inlined there took registers the entry's every path
        // saved and restored.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void MakeCurrent(uint thread) => Ipc.SwitchTo(thread);

        /// <summary>The null syscall of the thread the core runs, handled when that is all there is to it: true when
        /// <paramref name="thread"/> is the current thread and asked for Null (its result is written; nothing else
        /// changes, so the same thread goes on), false when the general Syscall must handle the entry.</summary>
        public bool NullSyscall(uint thread)
        {
            ISyscallFrame? frame = thread < Threads ? _threads[thread].Frame : null;
            if (frame == null || Ipc.current != thread || frame.GetNumber() != Abi.SyscallNumber.Null)
            {
                return false;
            }
            _threads[thread].WaitsForStart = false;
            frame.SetResult(Abi.ResultWord.Ok);
            return true;
        }

        /// <summary>True when a Null syscall of <paramref name="thread"/> would change nothing but its result, so that
        /// the machine may answer it at the entry without calling the kernel: the thread is the current one, has
        /// started, and no transfer can be waiting to go first. (The machine adds its own condition: no tick pending.)
        /// </summary>
        public bool NullReturnsAtOnce(uint thread) =>
            thread < Threads && _threads[thread].Frame != null && Ipc.current == thread && CurrentNullReturnsAtOnce(thread);

        /// <summary><see cref="NullReturnsAtOnce"/> for the core's current thread, known to be a bound thread.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool CurrentNullReturnsAtOnce(uint current) => CurrentNullReturnsWord(current) != 0;

        /// <summary><see cref="CurrentNullReturnsAtOnce"/> as the entry's flag word (1 or 0), without branches: the
        /// thread has started and no transfer can be waiting (MayTransfer false).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong CurrentNullReturnsWord(uint current) =>
            (_transfers | _proxiesBusy) == 0 ? StartedWord(current) : 0UL;

        /// <summary><see cref="CurrentNullReturnsWord"/> where the caller knows no transfer can wait (MayTransfer
        /// false): 1 when the thread has started.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong StartedWord(uint current) => _threads[current].WaitsForStart ? 0UL : 1UL;

        /// <summary>The timer interrupt: the IPC core's wakeup structure advances to <paramref name="now"/>, one call per
        /// tick (it looks at one wheel slot per tick; after a gap of more than a wheel turn, one turn covers all).</summary>
        public void Tick(ulong now)
        {
            if (now <= _lastTick)
            {
                return;
            }
            ulong first = _lastTick + 1;
            ulong wheel = IpcTypes.__default.WheelSlots;
            if (now - first >= wheel)
            {
                first = now - wheel + 1;
            }
#if MUTANTS
            if (PlantedBug.Is(PlantedBug.TickSkipsSlots))
            {
                first = now;
            }
#endif
            for (ulong x = first; x <= now; x++)
            {
                Ipc.Tick(x);
            }
            _lastTick = now;
            Settle();
        }

        /// <summary>The thread's code ended: it dies in the IPC core (partners get ErrPartnerKilled).</summary>
        public void ThreadExited(uint thread)
        {
            if (thread >= Threads)
            {
                return;
            }
            DriverEpoch++;
            KillThread(thread);
            Settle();
        }

        // The syscalls that change no capability and no binding: IPC (a capability item is copied or moved, never
        // deleted), notifications, Null, Yield and the debug console.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsIpcFamily(ulong number) =>
            number == Abi.SyscallNumber.Ipc || number == Abi.SyscallNumber.Notify || number == Abi.SyscallNumber.NotifyWait
            || number == Abi.SyscallNumber.Null || number == Abi.SyscallNumber.Yield || number == Abi.SyscallNumber.DebugPutChar;

        // A syscall that changes no thread's IPC state (it writes only the caller's result: output, capability copies
        // and moves, which destroy no object, and demapping): Settle looks at the caller alone, so its cost does not
        // grow with the number of threads. On the simulated machine the settle audit checks it after every entry.
        // The caller itself has nothing pending as a rule (a result due is written before its thread runs again), and
        // then nothing is left to settle at all.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void OnlyCaller(uint thread)
        {
            NarrowSettle();
            if (_threads[thread].Pending != PendingResult.None)
            {
                Touch(thread);
            }
        }

        private void Dispatch(uint thread, ISyscallFrame frame)
        {
            ulong number = frame.GetNumber();
            if (number == Abi.SyscallNumber.Null)
            {
                OnlyCaller(thread);
                frame.SetResult(Abi.ResultWord.Ok);
            }
            else if (number == Abi.SyscallNumber.Yield)
            {
                // The caller goes behind the Ready threads of its priority (the core's Yield): the loop then runs the
                // core's current thread, the first of them, or the caller again when none is Ready.
                OnlyCaller(thread);
                Ipc.Yield();
                frame.SetResult(Abi.ResultWord.Ok);
            }
            else if (number == Abi.SyscallNumber.Ipc)
            {
                IpcCall(thread, frame);     // the fast path (FastIpc.cs) declined it
            }
            else if (number == Abi.SyscallNumber.DebugPutChar)
            {
                OnlyCaller(thread);
                DebugPutCharCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.Exit)
            {
                ExitCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.Notify)
            {
                NotifyCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.NotifyWait)
            {
                NotifyWaitCall(thread, frame);
            }
            else if (IsIrqSyscall(frame))
            {
                IrqSyscall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.Create)
            {
                CreateCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.CapCopy)
            {
                OnlyCaller(thread);
                CapCopyCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.CapCopyTo)
            {
                OnlyCaller(thread);
                CapCopyToCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.CapMove)
            {
                OnlyCaller(thread);
                CapMoveCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.CapDelete)
            {
                CapDeleteCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.CapRevoke)
            {
                CapRevokeCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.ThreadControl)
            {
                ThreadControlCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.Unmap)
            {
                OnlyCaller(thread);
                UnmapCall(thread, frame);
            }
            else if (number == Abi.SyscallNumber.ExchangeRegisters)
            {
                ExchangeRegistersCall(thread, frame);
            }
            else
            {
                frame.SetResult(Abi.SyscallNumber.ErrorUnknownSyscall);
            }
        }
    }
}
