// The booted kernel's entry and exit: every kernel entry from ring 3 (SYSCALL, the timer, a CPU exception, a device
// interrupt) goes to kernel/Core, and on the way out the thread the IPC core made current runs. Between them the
// loop gives the core its timer ticks, copies long-IPC chunks (a preemption point after each: pending interrupts are
// taken there) and idles with interrupts on while nothing can run. One CPU; nothing is kept on the kernel stack
// between entries (the per-CPU entry stack holds only the running entry), so the core's state is the whole story.
using System.Runtime.CompilerServices;
using Verified.Hal.X64;
using Verified.Kernel.Core;
using IpcTypesC = IpcTypes.__default;

namespace Verified.Kernel.Machine
{
    internal static unsafe class KernelLoop
    {
        private const uint FsBaseMsr = 0xC000_0100;
        private const ulong PageFaultVector = 14;
        private const ulong GeneralProtectionVector = 13;

        private static KernelCore? s_core;
        private static X64Platform? s_platform;
        private static ulong s_coreTick;
        private static uint s_running = KernelCore.NoThread;

        /// <summary>Kernel entries handled (syscalls, timer ticks from ring 3, exceptions, device interrupts).</summary>
        public static ulong Entries;

        /// <summary>Address-space or thread switches made on the way out of the kernel.</summary>
        public static ulong Switches;

        /// <summary>Threads deleted because nobody handled their fault.</summary>
        public static ulong KilledByFaults;

        /// <summary>Runs the system until the root task's first thread exits; never returns (the verdict ends QEMU).</summary>
        public static void Run(KernelCore core, X64Platform platform)
        {
            s_core = core;
            s_platform = platform;
            s_coreTick = platform.Ticks;
            InterruptRouter.TimerHandler = &OnTimer;
            InterruptRouter.UserExceptionHandler = &OnUserException;
            InterruptRouter.DeviceHandler = &OnDevice;
            UserMode.SetSyscallHandlers(&OnSyscall, &OnCall, &OnReplyWait);
            ChooseNext();
            UserMode.Enter(UserMode.Current);
            Panic.Halt("kernel loop: left user mode");
        }

        private static void OnSyscall(UserContext* context)
        {
            KernelCore core = s_core!;
            // With no transfer that could go first (and no tick to give, as at every entry), the null syscall's
            // thread goes on at once: the core's choice cannot have changed.
            if (context->Frame.Rax == Core.Abi.SyscallNumber.Null && !core.MayTransfer && core.NullSyscall(s_running))
            {
                Entries++;
                UserMode.SetNullReturns(core.NullReturnsAtOnce(s_running));
                return;
            }
            // Counted on each path rather than first: here the code generator forms the statics' address once for the
            // count and the running thread.
            Entries++;
            // The entry saved the running thread's registers in its context, which its frame names as a RegisterFile.
            Leave(core, core.Syscall(s_running, ref Registers(context)));
        }

        // The saved registers of `context` as the core's register file: its frame, at offset 0 (UserContext's
        // layout), starts with them (RegisterFileLayoutCheck). Taken from the pointer itself rather than through the
        // frame field: that dereference made the code generator test the pointer for null and keep it live, which
        // cost the round trip's handlers 12 instructions.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ref RegisterFile Registers(UserContext* context) => ref Unsafe.AsRef<RegisterFile>(context);

        // The two IPC syscalls of a round trip: the entry sends those in a Call's form and in a ReplyWait's form here,
        // each to a handler with its fast path compiled in, so that a half runs in one frame. Either handles any IPC
        // syscall as OnSyscall would (the entry's choice by specifier is only a hint; it sends nothing but IPC here,
        // which HalfSyscall does not test again). After a hand-over the core's Finish would
        // only run the settle audit, which the booted kernel does not keep (KernelCore.AuditSettle is false).
        private static void OnCall(UserContext* context) => OnHalf(context, call: true);

        private static void OnReplyWait(UserContext* context) => OnHalf(context, call: false);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void OnHalf(UserContext* context, bool call)
        {
            KernelCore core = s_core!;
            Entries++;
            // A hand-over switches to the partner inside HalfSyscall (PartnerExit); when that switch returns, the way
            // out is the entry's exit into the context it chose.
            byte fast = core.HalfSyscall<PartnerExit>(s_running, ref Registers(context), call);
            if (fast == KernelCore.FastHandedOverStarted)
            {
                return;
            }
            Finish(core, context, fast);
        }

        // The switch to a hand-over's partner, made by the fast Call and ReplyWait the moment they handed over.
        private struct PartnerExit : IHandOverExit
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void HandedOver(KernelCore core, uint partner) => RunPartner(core, s_platform!, partner);
        }

        // The rest of OnSyscall after the fast path (the core's Finish), for OnCall and OnReplyWait.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Finish(KernelCore core, UserContext* context, byte fast) =>
            Leave(core, core.Finish(s_running, ref Registers(context), fast));

        // The way out after a syscall the core handled (`done`, its Syscall's or Finish's result): the partner of a
        // hand-over, the core's current thread after a blocked receive, the caller again, or the scheduler's choice.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Leave(KernelCore core, byte done)
        {
            if (done == KernelCore.FastHandedOverStarted)
            {
                RunPartner(core, s_platform!, core.Ipc.current);
                return;
            }
            if (done == KernelCore.FastHandedOver)
            {
                RunCurrent(core, s_platform!);
                return;
            }
            if (core.Ipc.current == s_running)
            {
                GoOn(core, s_platform!);
                return;
            }
            ChooseNext();
        }

        // Every entry from ring 3 finds the core's ticks given (platform.Ticks == s_coreTick): the kernel runs with
        // interrupts off but in ChooseLoop's windows, and ChooseLoop gives the core every tick that arrived before it
        // leaves; a tick that arrives in ring 3 is an entry of its own (OnTimer). So the entry paths below do not
        // compare the ticks again: of what ChooseNext looks at first, only a transfer or the root task's exit can
        // go before the core's current thread.

        // The caller is still the core's current thread. With no transfer that could go first, the root task still
        // there and no thread bound since the last switch, ChooseNext would choose it again and SwitchTo would find
        // the same thread, context, space and FS base: only the task's ports (a syscall may have given it some) and
        // the null flag are decided afresh. Anything else goes through ChooseNext. (The core's current thread is
        // Running, the core's invariant: no need to ask.)
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void GoOn(KernelCore core, X64Platform platform)
        {
            uint current = s_running;
            if (!core.MayTransfer && !platform.RootExited && platform.Loaded == current && platform.IsBound(current))
            {
                ref MachineThread m = ref platform.Thread(current);
                if (Resumable(m.Context))
                {
                    LegacyPorts.Allow(core, m.Task);
                    UserMode.SetNullReturnsWord(core.CurrentNullReturnsWord(current));
                    // Its only caller, the end of a syscall, returns at once after it: leave from here (as LeaveInto).
                    UserMode.ExitToCurrent();
                }
            }
            ChooseNext();
        }

        // What ChooseNext looks at before the core's current thread: no tick to give the core, no transfer that could
        // go on first, the root task still there.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool NothingGoesFirst(KernelCore core, X64Platform platform) =>
            platform.Ticks == s_coreTick && !core.MayTransfer && !platform.RootExited;

        // The core's current thread runs next: after a fast-path IPC that handed over, the partner, its result
        // written; after a receive that blocked, the thread the core chose; after a fault, the handler it met; after
        // an interrupt, often the driver it woke. The callers are entries from ring 3 that ended no thread, so the
        // root task is still there and there is no tick to give: with no transfer to go on with and a bound thread
        // with a resumable rip, ChooseNext would run it too, so it runs at once; anything else goes through
        // ChooseNext, which tries the same first for the paths that call it directly (the end of other syscalls).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void RunCurrent(KernelCore core, X64Platform platform)
        {
            // Every caller returns at once after it, from an entry from ring 3: the switch may leave through the exit.
            if (core.MayTransfer || !TryRunCurrent(core, platform, leave: true))
            {
                ChooseNext();
            }
        }

        // RunCurrent for a hand-over's partner (FastHandedOverStarted), the core's current thread. The common switch
        // (no transfer, no PCIDs, the port bitmap right as it is) is written so that no value is live across a call:
        // the FS base's MSR write comes last, and every other case leaves in a call at the end.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void RunPartner(KernelCore core, X64Platform platform, uint partner)
        {
            // (No nested fault can be in progress after a hand-over: only a transfer can go first.)
            if (core.MayTransferAfterHandOver || ProcessContextIds.Enabled)
            {
                RunPartnerGenerally(core, platform);
                return;
            }
            ref MachineThread m = ref platform.Thread(partner);
            UserContext* context = m.Context;
            if (!Resumable(context))
            {
                ChooseNext();
                return;
            }
            if (!LegacyPorts.AllowAtOnce(core, m.Task))
            {
                RunPartnerGenerally(core, platform);
                return;
            }
            UserMode.Switch(context);
            // The partner is not the loaded thread: that is the running thread (the caller, which now waits) or none
            // (after a bind), and a hand-over's partner is another thread. So it is loaded without asking.
            MarkLoaded(partner, platform);
            UserMode.ExitWithFsBase(m.FsBase);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RunPartnerGenerally(KernelCore core, X64Platform platform)
        {
            if (core.MayTransfer || !TryRunPartner(core.Ipc.current, core, platform))
            {
                ChooseNext();
            }
        }

        // `leave`: the caller has nothing left to do after a switch, which may then leave through the exit itself
        // (LeaveInto); ChooseNext's callers (the kernel loop's start among them) need it to return.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool TryRunCurrent(KernelCore core, X64Platform platform, bool leave)
        {
            uint current = core.Ipc.current;
            if (platform.IsBound(current))
            {
                ref MachineThread m = ref platform.Thread(current);
                if (Resumable(m.Context))
                {
                    // The callers ruled out a transfer, so the null flag is the thread's having started.
                    SwitchTo(current, ref m, core, platform, core.StartedWord(current), leave);
                    return true;
                }
            }
            return false;
        }

        // TryRunCurrent for a hand-over's partner (FastHandedOverStarted), which the hand-over found with a frame: the
        // core holds a frame only for a bound thread (it takes it from BindThread and drops it before ThreadDeleted),
        // so the partner is not asked whether it is bound. It has started, and the null flag stays as the caller's
        // last exit left it: it was 1 only for a started thread with no transfer that could go first, and the callers
        // ruled out a transfer, so a 1 still holds. (A 0 only sends the first Null through the kernel, which sets the
        // flag again: NullSyscall.)
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool TryRunPartner(uint partner, KernelCore core, X64Platform platform)
        {
            ref MachineThread m = ref platform.Thread(partner);
            if (!Resumable(m.Context))
            {
                return false;
            }
            LoadTask(ref m, core, platform);
            UserMode.Switch(m.Context);
            LoadThread(partner, ref m, platform);
            return true;
        }

        private static void OnTimer(InterruptFrame* frame)
        {
            s_platform!.Ticks++;
            if ((frame->Cs & 3) == 3)
            {
                // From ring 3 this is a kernel entry of its own; in the kernel (idle, or between two chunks of a
                // transfer) the loop there sees the tick.
                Entries++;
                ChooseNext();
            }
        }

        private static void OnDevice(InterruptFrame* frame, uint line)
        {
            // The core masks a line a driver handles until the driver acknowledges, so the PIC's end of interrupt
            // can come at once (docs/abi.md section 7).
            Pic.EndOfInterrupt(line);
            s_core!.Interrupt(line);
            if ((frame->Cs & 3) == 3)
            {
                Entries++;
                RunCurrent(s_core, s_platform!);
            }
        }

        // A fault of the running thread becomes page-fault or exception IPC to its handler; with none, the thread is
        // deleted (its partners get ErrPartnerKilled) and the others run on.
        private static void OnUserException(InterruptFrame* frame)
        {
            Entries++;
            KernelCore core = s_core!;
            uint thread = s_running;
            bool handled = frame->Vector == PageFaultVector
                ? core.PageFaultIpc(thread, Cpu.ReadCr2(), frame->ErrorCode, frame->Rip)
                : core.ExceptionIpc(thread, frame->Vector, frame->ErrorCode, frame->Rip, frame->Rsp);
            if (!handled)
            {
                ReportKilled(thread, frame, frame->Vector);
                core.ThreadExited(thread);
                s_platform!.ThreadDeleted(thread);
                KilledByFaults++;
                ChooseNext();
                return;
            }
            RunCurrent(core, s_platform!);
        }

        /// <summary>Makes the context of the thread the core chose current, after the ticks, transfers and idle time
        /// that come first.</summary>
        private static void ChooseNext()
        {
            KernelCore core = s_core!;
            X64Platform platform = s_platform!;
            // The common case first: nothing goes before the core's current thread.
            if (!NothingGoesFirst(core, platform) || !TryRunCurrent(core, platform, leave: false))
            {
                ChooseLoop(core, platform);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ChooseLoop(KernelCore core, X64Platform platform)
        {
            while (true)
            {
                if (platform.Ticks != s_coreTick)
                {
                    s_coreTick = platform.Ticks;
                    core.Tick(s_coreTick);
                }
                if (platform.RootExited)
                {
                    Finish(platform);
                }
                uint current = core.Ipc.current;
                bool runnable = current != KernelCore.NoThread && current < core.Threads && core.IsRunnable(current)
                    && platform.IsBound(current);
                uint sender = core.MayTransfer ? TransferToRun(core, runnable ? core.SchedulingPriority(current) : -1) : KernelCore.NoThread;
                if (sender != KernelCore.NoThread)
                {
                    core.ContinueTransfer(sender);
                    Cpu.InterruptWindow();
                    continue;
                }
                if (runnable && !Resumable(platform.ContextOf(current)))
                {
                    // iretq to a non-canonical rip would fault in the kernel: the thread gets the #GP it earned, as
                    // exception IPC (or is deleted without a handler), and the loop chooses again.
                    FaultInPlace(core, platform, current, GeneralProtectionVector);
                    continue;
                }
                if (runnable)
                {
                    SwitchTo(current, ref platform.Thread(current), core, platform, core.CurrentNullReturnsWord(current), leave: false);
                    return;
                }
                // Nothing to run: sleep until an interrupt (the timer's at the latest) changes that.
                Cpu.WaitForInterrupt();
            }
        }

        // A jump to a non-canonical address faults with rip at the jump on hardware, but QEMU reports the target:
        // a context must never be resumed at an address outside the user half.
        private static bool Resumable(UserContext* context) => context->Frame.Rip < Core.Abi.UserAddress.End;

        private static void FaultInPlace(KernelCore core, X64Platform platform, uint thread, ulong vector)
        {
            InterruptFrame* frame = &platform.ContextOf(thread)->Frame;
            if (!core.ExceptionIpc(thread, vector, 0, frame->Rip, frame->Rsp))
            {
                ReportKilled(thread, frame, vector);
                core.ThreadExited(thread);
                platform.ThreadDeleted(thread);
                KilledByFaults++;
            }
        }

        // A long transfer whose sender runs at least at the priority of the thread that would run otherwise goes
        // on first, one chunk at a time (the lowest id among equals, so the order is fixed). Only the threads taking
        // part in a transfer are looked at. Out of line: the loop without a transfer does not pay for its registers.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static uint TransferToRun(KernelCore core, int floor)
        {
            uint best = KernelCore.NoThread;
            int bestPriority = floor;
            for (uint i = 0; i < core.InTransferCount; i++)
            {
                uint t = core.InTransfer(i);
                if (!core.IsTransferring(t))
                {
                    continue;
                }
                int priority = core.SchedulingPriority(t);
                if (priority > bestPriority || (priority == bestPriority && (best == KernelCore.NoThread || t < best)))
                {
                    best = t;
                    bestPriority = priority;
                }
            }
            return best;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void SwitchTo(uint thread, ref MachineThread m, KernelCore core, X64Platform platform, ulong nullReturns,
            bool leave)
        {
            LoadTask(ref m, core, platform);
            // Every way to ring 3 ends here, in OnSyscall's quick return, which changes nothing, or after a hand-over
            // (TryRunPartner), whose flag still holds: so the entry's own answer to Null is decided afresh for the
            // thread that runs now (the tick was given just before). The caller computes it: CurrentNullReturnsWord,
            // or StartedWord where a transfer is ruled out.
            UserMode.Switch(m.Context, nullReturns);
            if (leave)
            {
                LeaveInto(thread, ref m, platform);
            }
            else
            {
                LoadThread(thread, ref m, platform);
            }
        }

        // What a switch loads for the thread's task: its ports and address space.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void LoadTask(ref MachineThread m, KernelCore core, X64Platform platform)
        {
            uint task = m.Task;
            LegacyPorts.Allow(core, task);
            // The exit path loads CR3 only when it differs from the context's; loaded here, it keeps the PCID's TLB.
            // Without PCIDs there is nothing to keep, and the exit path's load is the whole switch.
            if (ProcessContextIds.Enabled)
            {
                platform.Spaces.Load(task, m.Context->Cr3);
            }
        }

        // What a switch loads for the thread itself, last (after the exit words), so that nothing the switch still
        // needs is live across the MSR write's call: another thread, or a new thread with the same id (a bind since
        // the last switch), gets its FS base. Written at every switch, not cached per address, since a thread that
        // loads a selector into fs resets its own. (s_running changes only in Loads: with Loaded unchanged it is the
        // thread already.)
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void LoadThread(uint thread, ref MachineThread m, X64Platform platform)
        {
            if (Loads(thread, platform))
            {
                Cpu.WriteMsr(FsBaseMsr, m.FsBase);
            }
        }

        // Records `thread` as the one the machine runs and has loaded: false when it is so already (nothing to load).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool Loads(uint thread, X64Platform platform)
        {
            if (thread == platform.Loaded)
            {
                return false;
            }
            MarkLoaded(thread, platform);
            return true;
        }

        // Records `thread` as the one the machine runs and has loaded (s_running changes only here; Loaded also
        // becomes NoThread at a bind, so it is always the running thread or none).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void MarkLoaded(uint thread, X64Platform platform)
        {
            Switches++;
            s_running = thread;
            platform.Loaded = thread;
        }

        // LoadThread for a switch that is the last thing its entry does (to a hand-over's partner, RunPartner; to the
        // core's current thread, RunCurrent): the FS base is written by the exit itself (UserMode.ExitWithFsBase),
        // which never returns, so the handler's frame is abandoned instead of unwound and the entry's jump to the exit
        // is not taken. With the thread already loaded there is nothing to write, and the switch returns as before.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void LeaveInto(uint thread, ref MachineThread m, X64Platform platform)
        {
            if (Loads(thread, platform))
            {
                UserMode.ExitWithFsBase(m.FsBase);
            }
        }

        private static void ReportKilled(uint thread, InterruptFrame* frame, ulong vector)
        {
            Serial.Write("kernel: thread ");
            Serial.WriteDecimal(thread);
            Serial.Write(" deleted: ");
            Serial.Write(ExceptionNames.Of(vector));
            Serial.Write(" at rip ");
            Serial.WriteHex(frame->Rip);
            if (vector == PageFaultVector)
            {
                Serial.Write(", address ");
                Serial.WriteHex(Cpu.ReadCr2());
            }
            Serial.WriteLine(", no handler");
        }

        private static void Finish(X64Platform platform)
        {
            Serial.Write("kernel: root task exited with ");
            Serial.WriteDecimal(platform.RootExitCode);
            Serial.Write(" after ");
            Serial.WriteDecimal(Entries);
            Serial.Write(" kernel entries and ");
            Serial.WriteDecimal(UserMode.NullReturns);
            Serial.Write(" null syscalls answered at entry, ");
            Serial.WriteDecimal(Switches);
            Serial.Write(" switches, ");
            Serial.WriteDecimal(platform.Ticks);
            Serial.WriteLine(" ticks");
            DebugExit.Exit(platform.RootExitCode == 0 ? DebugExit.Success : DebugExit.Failure);
        }
    }
}
