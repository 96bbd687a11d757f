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
        private readonly List<SimAddressSpace> _spaces = new();
        private readonly SimMappingWindows _windows;
        private readonly uint _mappingNodes;
        private readonly Queue<(SimThread Thread, int Task)> _unbound = new();
        private readonly List<(uint Thread, string Fault)> _faults = new();

        /// <summary><paramref name="frames"/>: the physical frames sigma0 (task 0) starts owning, mapped at its window
        /// pages 0..frames-1; <paramref name="mappingNodes"/>: the mapping core's node capacity (frames included).</summary>
        public SimKernel(SimMachine machine, uint threads = 16, uint ipcObjects = 16, uint tasks = 4, uint slotsPerTask = 32,
            uint frames = 64, uint mappingNodes = 1024)
        {
            _machine = machine;
            _threads = new SimThread?[threads];
            // Every task's window exists from boot: the mapping core writes sigma0's roots in its constructor.
            _windows = new SimMappingWindows(machine, tasks, frames);
            _mappingNodes = Math.Max(mappingNodes, frames);
            Core = new KernelCore(this, threads, ipcObjects, tasks, slotsPerTask);
            machine.AttachKernel(this);
            machine.Timer.ArmPeriodic(1);
        }

        public KernelCore Core { get; }

        /// <summary>A task: an address space here and a capability space in the core (index = task id).</summary>
        public int CreateTask()
        {
            if (_spaces.Count >= Core.Objects.Tasks)
            {
                throw new InvalidOperationException("no task left");
            }
            _spaces.Add(_windows.Window(_spaces.Count).Space);
            return _spaces.Count - 1;
        }

        /// <summary>The tasks' mapping windows (frame numbering, leaves as the core wrote them).</summary>
        public SimMappingWindows Windows => _windows;

        /// <summary>A boot thread of <paramref name="task"/> at <paramref name="priority"/>, Ready at once.</summary>
        public SimThread Spawn(string name, int task, byte priority, Func<SimUserContext, Task> code)
        {
            uint id = FreeId();
            SimThread thread = _machine.CreateThread(name, _spaces[task], code, runnable: false);
            uint result = Core.BootThread(id, (uint)task, priority, new SimFrame(thread.Registers));
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
            SimThread thread = _machine.CreateThread(name, _spaces[task], code, runnable: false);
            _unbound.Enqueue((thread, task));
            return thread;
        }

        /// <summary>The kernel's thread id of a machine thread.</summary>
        public uint IdOf(SimThread thread) => (uint)thread.KernelHandle;

        public ulong Now() => _machine.Timer.Now;

        public ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot)
        {
            if (_unbound.Count == 0 || _unbound.Peek().Task != (int)task)
            {
                return null;
            }
            SimThread machineThread = _unbound.Dequeue().Thread;
            Bind(thread, machineThread);
            return new SimFrame(machineThread.Registers);
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

        public void Syscall(SimThread thread)
        {
            Core.Syscall(IdOf(thread));
            Sync();
        }

        /// <summary>Faults that killed a thread, in order: (thread id, what happened).</summary>
        public IReadOnlyList<(uint Thread, string Fault)> Faults => _faults;

        // Page-fault and exception IPC to a pager or handler do not exist yet, so a user fault deletes the thread, as
        // a fault with no handler does in L4: its IPC partners get ErrPartnerKilled, the other threads run on.
        public void PageFault(SimThread thread, PageFault fault) => Delete(thread, $"page fault: {fault}");

        public void Exception(SimThread thread, int vector, ulong errorCode) =>
            Delete(thread, $"exception {vector} (error code 0x{errorCode:X})");

        public void Interrupt(int line)
        {
            _machine.Interrupts.Acknowledge(line);
            if (line == SimMachine.TimerLine)
            {
                Core.Tick(_machine.Timer.Now);
                Sync();
            }
        }

        // The kernel never asks to continue in kernel mode (no long operation is preempted yet), so the machine
        // calling this is a kernel bug.
        public void Continue(SimThread thread) =>
            throw new InvalidOperationException($"kernel bug: {thread} continued with no saved kernel operation");

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

        private void Bind(uint id, SimThread thread)
        {
            thread.KernelHandle = id;
            _threads[id] = thread;
        }

        private uint FreeId()
        {
            for (uint t = 0; t < _threads.Length; t++)
            {
                if (_threads[t] == null && Core.Ipc.state[t] == IpcTypes.__default.Free)
                {
                    return t;
                }
            }
            throw new InvalidOperationException("no thread left");
        }

        /// <summary>The machine's runnable set follows the core after every entry.</summary>
        private void Sync()
        {
            int top = Core.TopRunnablePriority();
            for (uint t = 0; t < _threads.Length; t++)
            {
                SimThread? thread = _threads[t];
                if (thread == null || thread.IsFinished)
                {
                    continue;
                }
                if (Core.IsRunnable(t) && Core.SchedulingPriority(t) == top)
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
