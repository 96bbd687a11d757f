// The kernel on SimMachine: entries go to KernelCore; afterwards every thread's machine state follows the IPC core
// (runnable exactly when the core has it Ready or Running at the top ready priority, blocked otherwise). A periodic
// timer of one tick drives the core's timeouts through KernelCore.Tick.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Verified.Kernel.Core;

namespace Verified.Hal.Sim.Kernel
{
    public sealed class SimKernel : ISimKernel, IKernelPlatform
    {
        private readonly SimMachine _machine;
        private readonly SimThread?[] _threads;
        // Per task id: its address space (its mapping window's), taken by CreateTask at boot or by the kernel's Create (task).
        private readonly SimAddressSpace?[] _spaces;
        private readonly SimMappingWindows _windows;
        private readonly uint _mappingNodes;
        private readonly Queue<(SimThread Thread, int Task)> _unbound = new();
        private readonly List<(uint Thread, string Fault)> _faults = new();
        private readonly System.Text.StringBuilder _debugOutput = new();
        private readonly List<(uint Thread, uint Code)> _exits = new();

        /// <summary><paramref name="frames"/>: the physical frames sigma0 (task 0) starts owning, mapped at its window
        /// pages 0..frames-1; <paramref name="mappingNodes"/>: the mapping core's node capacity (frames included).</summary>
        public SimKernel(SimMachine machine, uint threads = 16, uint ipcObjects = 16, uint tasks = 4, uint slotsPerTask = 32,
            uint frames = 64, uint mappingNodes = 1024)
        {
            _machine = machine;
            _threads = new SimThread?[threads];
            _spaces = new SimAddressSpace?[tasks];
            // Every task's window exists from boot: the mapping core writes sigma0's roots in its constructor.
            _windows = new SimMappingWindows(machine, tasks, frames);
            _mappingNodes = Math.Max(mappingNodes, frames);
            Core = new KernelCore(this, threads, ipcObjects, tasks, slotsPerTask);
            // Every narrowed Settle (the kernel's IPC fast cases) is checked against the full one here.
            Core.AuditSettle = true;
            machine.AttachKernel(this);
            machine.Timer.ArmPeriodic(1);
        }

        public KernelCore Core { get; }

        /// <summary>A boot task: an address space here and a capability space in the core (index = task id, the
        /// first one neither boot code nor Create (task) took).</summary>
        public int CreateTask()
        {
            for (uint task = 0; task < _spaces.Length; task++)
            {
                if (_spaces[task] == null && !Core.IsTaskLive(task))
                {
                    if (Core.BootTask(task) != 0)
                    {
                        throw new InvalidOperationException($"BootTask {task} refused");
                    }
                    _spaces[task] = _windows.Window((int)task).Space;
                    return (int)task;
                }
            }
            throw new InvalidOperationException("no task left");
        }

        /// <summary>The address space of <paramref name="task"/> (null when no task has that id yet).</summary>
        public SimAddressSpace? SpaceOf(int task) => (uint)task < (uint)_spaces.Length ? _spaces[task] : null;

        /// <summary>The tasks' mapping windows (frame numbering, leaves as the core wrote them).</summary>
        public SimMappingWindows Windows => _windows;

        /// <summary>A boot thread of <paramref name="task"/> at <paramref name="priority"/>, Ready at once.</summary>
        public SimThread Spawn(string name, int task, byte priority, Func<SimUserContext, Task> code)
        {
            uint id = FreeId();
            SimThread thread = _machine.CreateThread(name, Space(task), code, runnable: false);
            uint result = Core.BootThread(id, (uint)task, priority, new SimFrame(thread.Registers, thread.Utcb));
            if (result != 0)
            {
                throw new InvalidOperationException($"BootThread: IPC error {result}");
            }
            Bind(id, thread);
            Sync();
            return thread;
        }

        /// <summary>Code for a thread that user code makes later with Create (thread): the next such Create in
        /// <paramref name="task"/> gets it.</summary>
        public SimThread Prepare(string name, int task, Func<SimUserContext, Task> code)
        {
            SimThread thread = _machine.CreateThread(name, Space(task), code, runnable: false);
            _unbound.Enqueue((thread, task));
            return thread;
        }

        /// <summary>The kernel's thread id of a machine thread.</summary>
        public uint IdOf(SimThread thread) => (uint)thread.KernelHandle;

        public ulong Now() => _machine.Timer.Now;

        public ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot, ulong rip, ulong rsp, out bool waitsForStart)
        {
            // A Sim thread's code is the coroutine prepared for it: it can always start.
            waitsForStart = false;
            if (_unbound.Count == 0 || _unbound.Peek().Task != (int)task)
            {
                return null;
            }
            SimThread machineThread = _unbound.Dequeue().Thread;
            machineThread.Registers.Rip = rip;
            machineThread.Registers.Rsp = rsp;
            Bind(thread, machineThread);
            return new SimFrame(machineThread.Registers, machineThread.Utcb);
        }

        public uint BindMappingSpace(uint tasks, out uint frames, out uint nodes)
        {
            frames = _windows.Frames;
            nodes = _mappingNodes;
            return HalPageTables.__default.AttachWeak(_windows);
        }

        public ulong ReadUtcb(uint thread, uint word) =>
            thread < _threads.Length && _threads[thread] is SimThread t && word < Utcb.Words ? t.Utcb[(int)word] : 0;

        public void WriteUtcb(uint thread, uint word, ulong value)
        {
            if (thread < _threads.Length && _threads[thread] is SimThread t && word < Utcb.Words)
            {
                Utcb utcb = t.Utcb;
                utcb[(int)word] = value;
            }
        }

        public void ReadUtcbWords(uint thread, uint first, uint count, ulong[] into, uint at) =>
            UtcbWordCopy.Read(this, thread, first, count, into, at);

        public void WriteUtcbWords(uint thread, uint first, uint count, ulong[] from, uint at) =>
            UtcbWordCopy.Write(this, thread, first, count, from, at);

        public void CopyUtcbWords(uint from, uint to, uint first, uint count) =>
            UtcbWordCopy.Copy(this, from, to, first, count);

        public byte CopyUser(uint source, ulong sourceAddress, uint destination, ulong destinationAddress, ulong length,
            out ulong copied, out ulong faultAddress, out ulong faultCode)
        {
            SimThread from = _threads[source] ?? throw new InvalidOperationException($"kernel bug: copy from thread {source}, which has no machine thread");
            SimThread to = _threads[destination] ?? throw new InvalidOperationException($"kernel bug: copy to thread {destination}, which has no machine thread");
            CopyResult result = UserCopy.Copy(from.Space, sourceAddress, to.Space, destinationAddress, length);
            copied = result.Copied;
            faultAddress = result.Fault.Address;
            faultCode = result.Fault.ErrorCode;
            return result.Status switch
            {
                CopyStatus.SourceFault => UserCopyStatus.SourceFault,
                CopyStatus.DestinationFault => UserCopyStatus.DestinationFault,
                _ => UserCopyStatus.Completed,
            };
        }

        public void ThreadDeleted(uint thread)
        {
            SimThread? deleted = _threads[thread];
            if (deleted != null)
            {
                _threads[thread] = null;
                _machine.Terminate(deleted);
            }
        }

        public bool CreateAddressSpace(uint task)
        {
            if (task >= _spaces.Length)
            {
                return false;
            }
            // A task's address space is its mapping window's, made at boot; the kernel emptied the window
            // (KernelCore.FlushTask) before it hands the task id out again.
            _spaces[task] = _windows.Window((int)task).Space;
            return true;
        }

        /// <summary>What threads printed with syscall 1 (DebugPutChar), in order.</summary>
        public string DebugOutput => _debugOutput.ToString();

        /// <summary>Exit codes of threads that ended with syscall 2 (Exit), in order: (thread id, code).</summary>
        public IReadOnlyList<(uint Thread, uint Code)> Exits => _exits;

        public void DebugPutChar(uint thread, byte c) => _debugOutput.Append((char)c);

        public void ThreadExiting(uint thread, uint code) => _exits.Add((thread, code));

        // A Sim thread's code is a coroutine, not machine code at rip: the registers are recorded for whoever reads
        // them (ExchangeRegisters' own results do not report them back).
        public void SetRegisters(uint thread, bool setRip, ulong rip, bool setRsp, ulong rsp)
        {
            if (thread < _threads.Length && _threads[thread] is SimThread t)
            {
                if (setRip)
                {
                    t.Registers.Rip = rip;
                }
                if (setRsp)
                {
                    t.Registers.Rsp = rsp;
                }
            }
        }

        /// <summary>Enter IPC syscalls as the X64 entry does (the default): those in a Call's or a ReplyWait's form
        /// through the core's entries for them (KernelCore.SyscallAsEntered). Off, every syscall goes through
        /// KernelCore.Syscall; the shared scenarios' tests require the same run either way.</summary>
        public bool EnterAsX64 { get; set; } = true;

        public void Syscall(SimThread thread)
        {
            if (EnterAsX64)
            {
                Core.SyscallAsEntered(IdOf(thread));
            }
            else
            {
                Core.Syscall(IdOf(thread));
            }
            Sync();
        }

        /// <summary>Faults that killed a thread, in order: (thread id, what happened).</summary>
        public IReadOnlyList<(uint Thread, string Fault)> Faults => _faults;

        // A fault goes to the thread's pager or exception handler as IPC; one nobody can handle deletes the thread,
        // as in L4: its IPC partners get ErrPartnerKilled, the other threads run on.
        public void PageFault(SimThread thread, PageFault fault)
        {
            if (Core.PageFaultIpc(IdOf(thread), fault.Address, fault.ErrorCode, thread.Registers.Rip))
            {
                Sync();
                return;
            }
            Delete(thread, $"page fault: {fault}");
        }

        public void Exception(SimThread thread, int vector, ulong errorCode)
        {
            if (Core.ExceptionIpc(IdOf(thread), (ulong)vector, errorCode, thread.Registers.Rip, thread.Registers.Rsp))
            {
                Sync();
                return;
            }
            Delete(thread, $"exception {vector} (error code 0x{errorCode:X})");
        }

        // End of interrupt at once for every line: a driver's line stays off through the mask KernelCore.Interrupt
        // sets (MaskLine) until the driver acknowledges, so the controller's in-service bit is not needed for that.
        public void Interrupt(int line)
        {
            _machine.Interrupts.Acknowledge(line);
            if (line == SimMachine.TimerLine)
            {
                Core.Tick(_machine.Timer.Now);
            }
            else
            {
                Core.Interrupt((uint)line);
            }
            Sync();
        }

        public uint InterruptLines() => (uint)_machine.Interrupts.Lines;

        public void MaskLine(uint line) => _machine.Interrupts.Mask((int)line);

        public void UnmaskLine(uint line) => _machine.Interrupts.Unmask((int)line);

        /// <summary>The sender of a long transfer runs one chunk in the kernel; the step ends at the preemption point
        /// after it.</summary>
        public void Continue(SimThread thread)
        {
            Core.ContinueTransfer(IdOf(thread));
            Sync();
        }

        private void Delete(SimThread thread, string fault)
        {
            uint id = IdOf(thread);
            _faults.Add((id, fault));
            Core.ThreadExited(id);
            _threads[id] = null;
            _machine.Terminate(thread);
            Sync();
        }

        public void ThreadFinished(SimThread thread)
        {
            Core.ThreadExited(IdOf(thread));
            _threads[IdOf(thread)] = null;
            Sync();
        }

        /// <summary>The address space of <paramref name="task"/>, which must exist.</summary>
        public SimAddressSpace Space(int task) =>
            SpaceOf(task) ?? throw new InvalidOperationException($"task {task} has no address space");

        private void Bind(uint id, SimThread thread)
        {
            thread.KernelHandle = id;
            _threads[id] = thread;
        }

        private uint FreeId()
        {
            for (uint t = 0; t < _threads.Length; t++)
            {
                // A dead thread no capability names is as good as a fresh one (the core's Create reuses them too).
                byte state = Core.Ipc.state[t];
                if (_threads[t] == null && (state == IpcTypes.__default.Free
                    || (state == IpcTypes.__default.Dead && Core.Caps.refCount[Core.Objects.OfThread(t)] == 0)))
                {
                    return t;
                }
            }
            throw new InvalidOperationException("no thread left");
        }

        /// <summary>The machine's runnable set follows the core after every entry.</summary>
        private void Sync()
        {
            if (Core.AuditFailures != 0)
            {
                throw new InvalidOperationException(
                    $"kernel bug: the settle audit failed {Core.AuditFailures} time(s): a narrowed Settle missed a thread " +
                    "that the full one settles, or a hand-over said its partner had started when it had not " +
                    $"(last: thread {Core.AuditMissedThread} in IPC state {Core.AuditMissedState})");
            }
            int top = Core.TopRunnablePriority();
            for (uint t = 0; t < _threads.Length; t++)
            {
                SimThread? thread = _threads[t];
                if (thread == null || thread.IsFinished)
                {
                    continue;
                }
                if (Core.IsTransferring(t) && Core.SchedulingPriority(t) == top)
                {
                    _machine.ContinueInKernel(thread);
                }
                else if (Core.IsRunnable(t) && Core.SchedulingPriority(t) == top)
                {
                    _machine.Wake(thread);
                }
                else
                {
#if MUTANTS
                    if (PlantedBug.Is(PlantedBug.PreemptionIgnored) && Core.IsRunnable(t))
                    {
                        continue;
                    }
#endif
                    _machine.Block(thread);
                }
            }
        }
    }
}
