// The simulated machine: one CPU running simulated user threads as coroutines, with physical memory, page tables,
// a virtual clock and timer, and an interrupt controller. A step is one event: a thread runs its user code up to its
// next kernel entry (which the kernel then handles to completion), the timer fires, or a device interrupts. Before
// each step an expired timer fires and deliverable interrupts enter the kernel. Every choice between enabled events
// comes from the one ISimScheduler, so the run is a function of the scheduler's answers.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Verified.Hal.Sim.Machine
{
    public enum SimStopReason : byte
    {
        /// <summary>Every thread's code returned.</summary>
        AllThreadsFinished,

        /// <summary>No event is enabled: no thread is runnable, the timer is off, no device will interrupt.</summary>
        NothingEnabled,

        /// <summary>The step budget of the run is used up.</summary>
        StepLimit,
    }

    public sealed class SimMachine
    {
        public const int DefaultInterruptLines = 24;
        public const int TimerLine = 0;

        private SimThread[] _threads = new SimThread[8];
        private SimUserContext[] _contexts = new SimUserContext[8];
        private int _threadCount;
        private int _finishedCount;
        private SimDevice[] _devices = new SimDevice[2];
        private int _deviceCount;
        private SimEvent[] _enabled = new SimEvent[16];
        private ISimKernel? _kernel;
        private SimThread? _running;

        public SimMachine(ISimScheduler scheduler, uint frames = 1024, int interruptLines = DefaultInterruptLines,
            bool recordTrace = false)
        {
            Scheduler = scheduler;
            Memory = new SimPhysicalMemory(frames);
            Interrupts = new InterruptController(interruptLines);
            Timer = new SimTimer(Interrupts, TimerLine);
            Trace = new SimTrace(recordTrace);
        }

        public ISimScheduler Scheduler { get; }

        public SimPhysicalMemory Memory { get; }

        public InterruptController Interrupts { get; }

        public SimTimer Timer { get; }

        public SimTrace Trace { get; }

        /// <summary>Ticks of the virtual clock that pass per thread step.</summary>
        public ulong TicksPerStep { get; set; } = 1;

        /// <summary>Steps taken (events the scheduler chose or that were forced by being the only one).</summary>
        public long Steps { get; private set; }

        public int ThreadCount => _threadCount;

        public SimThread Thread(int id) => (uint)id < (uint)_threadCount ? _threads[id] : throw new ArgumentOutOfRangeException(nameof(id));

        /// <summary>The thread whose user code is running now (null in the kernel or between steps).</summary>
        public SimThread? Running => _running;

        public void AttachKernel(ISimKernel kernel) => _kernel = kernel;

        public SimAddressSpace CreateAddressSpace() => new(Memory);

        /// <summary>Creates a thread in <paramref name="space"/> with a fresh UTCB page mapped at the space's next UTCB slot.
        /// Its code starts when the scheduler first picks it.</summary>
        public SimThread CreateThread(string name, SimAddressSpace space, Func<SimUserContext, Task> code, bool runnable = true)
        {
            int slot = space.UtcbSlotsUsed;
            ulong utcbAddress = Utcb.SlotAddress(slot);
            ulong frame = Memory.AllocateFrame();
            if (!space.TryMapUser(utcbAddress, frame, 6))
            {
                throw new InvalidOperationException("no memory for the UTCB's page tables");
            }
            space.UtcbSlotsUsed = slot + 1;
            var thread = new SimThread(_threadCount, name, space, new Utcb(Memory, frame, utcbAddress));
            var context = new SimUserContext(thread);
            thread.Continuation = () => Start(thread, context, code);
            thread.IsRunnable = runnable;
            if (_threadCount == _threads.Length)
            {
                Array.Resize(ref _threads, _threadCount * 2);
                Array.Resize(ref _contexts, _threadCount * 2);
            }
            _threads[_threadCount] = thread;
            _contexts[_threadCount] = context;
            _threadCount++;
            GrowEnabled();
            return thread;
        }

        /// <summary>A device on <paramref name="line"/> that may raise up to <paramref name="interrupts"/> interrupts.</summary>
        public SimDevice CreateDevice(string name, int line, long interrupts)
        {
            if (line == TimerLine || (uint)line >= (uint)Interrupts.Lines)
            {
                throw new ArgumentOutOfRangeException(nameof(line));
            }
            var device = new SimDevice(_deviceCount, name, line, interrupts);
            if (_deviceCount == _devices.Length)
            {
                Array.Resize(ref _devices, _deviceCount * 2);
            }
            _devices[_deviceCount++] = device;
            GrowEnabled();
            return device;
        }

        /// <summary>The kernel blocks <paramref name="thread"/>: the scheduler will not pick it until Wake or ContinueInKernel.</summary>
        public void Block(SimThread thread)
        {
            thread.IsRunnable = false;
            thread.ContinuesInKernel = false;
        }

        /// <summary>The thread returns to user mode when next picked (its registers hold what the kernel left there).</summary>
        public void Wake(SimThread thread)
        {
            if (!thread.IsFinished)
            {
                thread.IsRunnable = true;
                thread.ContinuesInKernel = false;
            }
        }

        /// <summary>When next picked, the kernel's Continue runs for <paramref name="thread"/> (a preempted long operation).</summary>
        public void ContinueInKernel(SimThread thread)
        {
            if (!thread.IsFinished)
            {
                thread.IsRunnable = true;
                thread.ContinuesInKernel = true;
            }
        }

        /// <summary>The kernel deleted <paramref name="thread"/> (for example after a fault nobody handles): it never
        /// runs again and counts as finished. Its code is abandoned at the kernel entry it was in.</summary>
        public void Terminate(SimThread thread)
        {
            if (!thread.IsFinished)
            {
                thread.IsFinished = true;
                thread.IsRunnable = false;
                thread.ContinuesInKernel = false;
                _finishedCount++;
            }
        }

        /// <summary>A preemption point inside a long kernel operation of <paramref name="thread"/>: the scheduler decides.</summary>
        public bool PreemptionPoint(SimThread thread)
        {
            bool preempt = Scheduler.PreemptAt(thread.Id, Steps);
            Trace.Add(new SimEvent(preempt ? SimEventKind.Preempt : SimEventKind.Continue, thread.Id));
            return preempt;
        }

        /// <summary>Runs up to <paramref name="maxSteps"/> steps. Code runs on the calling OS thread only; the caller's
        /// synchronization context is set aside meanwhile so that awaits inside user code resume inline.</summary>
        public SimStopReason Run(long maxSteps)
        {
            if (_kernel is null)
            {
                throw new InvalidOperationException("attach a kernel first");
            }
            SynchronizationContext? saved = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                for (long i = 0; i < maxSteps; i++)
                {
                    if (_threadCount > 0 && _finishedCount == _threadCount)
                    {
                        return SimStopReason.AllThreadsFinished;
                    }
                    if (!Step(_kernel))
                    {
                        return SimStopReason.NothingEnabled;
                    }
                }
                return _threadCount > 0 && _finishedCount == _threadCount ? SimStopReason.AllThreadsFinished : SimStopReason.StepLimit;
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(saved);
            }
        }

        private bool Step(ISimKernel kernel)
        {
            if (Timer.IsDue)
            {
                Timer.Fire();
                Trace.Add(SimEvent.Timer);
            }
            DeliverInterrupts(kernel);
            int count = CollectEnabled();
            if (count == 0)
            {
                return false;
            }
            SimEvent next = _enabled[0];
            if (count > 1)
            {
                int choice = Scheduler.NextEvent(new ReadOnlySpan<SimEvent>(_enabled, 0, count), Steps);
                if ((uint)choice >= (uint)count)
                {
                    throw new InvalidOperationException($"the scheduler chose event {choice} of {count}");
                }
                next = _enabled[choice];
            }
            Steps++;
            Trace.Add(next);
            Execute(kernel, next);
            return true;
        }

        private void DeliverInterrupts(ISimKernel kernel)
        {
            int line;
            while ((line = Interrupts.Accept()) >= 0)
            {
                Trace.Add(new SimEvent(SimEventKind.Interrupt, line));
                kernel.Interrupt(line);
            }
        }

        private int CollectEnabled()
        {
            int count = 0;
            for (int i = 0; i < _threadCount; i++)
            {
                if (_threads[i].IsRunnable)
                {
                    _enabled[count++] = SimEvent.Thread(i);
                }
            }
            if (Timer.IsArmed)
            {
                _enabled[count++] = SimEvent.Timer;
            }
            for (int i = 0; i < _deviceCount; i++)
            {
                if (_devices[i].Remaining > 0)
                {
                    _enabled[count++] = SimEvent.Device(i);
                }
            }
            return count;
        }

        private void Execute(ISimKernel kernel, SimEvent e)
        {
            switch (e.Kind)
            {
                case SimEventKind.Thread:
                    RunThread(kernel, _threads[e.Id]);
                    break;
                case SimEventKind.Timer:
                    Timer.Fire();
                    break;
                default:
                    SimDevice device = _devices[e.Id];
                    device.Remaining--;
                    device.Raised++;
                    Interrupts.Raise(device.Line);
                    break;
            }
        }

        private void RunThread(ISimKernel kernel, SimThread thread)
        {
            thread.Steps++;
            Timer.Advance(TicksPerStep);
            if (thread.ContinuesInKernel)
            {
                thread.ContinuesInKernel = false;
                kernel.Continue(thread);
                return;
            }
            Action continuation = thread.Continuation
                ?? throw new InvalidOperationException($"{thread} is runnable but has no code to resume");
            thread.Continuation = null;
            _running = thread;
            try
            {
                continuation();
            }
            finally
            {
                _running = null;
            }
            KernelEntry entry = thread.PendingEntry;
            thread.PendingEntry = KernelEntry.None;
            thread.LastEntry = entry;
            switch (entry)
            {
                case KernelEntry.Syscall:
                    thread.Registers.EnterSyscall();
                    kernel.Syscall(thread);
                    break;
                case KernelEntry.PageFault:
                    kernel.PageFault(thread, thread.PendingFault);
                    break;
                case KernelEntry.Exception:
                    kernel.Exception(thread, thread.PendingVector, thread.PendingErrorCode);
                    break;
                default:
                    Finish(kernel, thread);
                    break;
            }
        }

        private void Finish(ISimKernel kernel, SimThread thread)
        {
            Task body = thread.Body ?? throw new InvalidOperationException($"{thread} has no body");
            if (!body.IsCompleted)
            {
                throw new InvalidOperationException(
                    $"{thread} awaited something that is not a kernel entry; simulated user code may only await the machine");
            }
            thread.IsFinished = true;
            thread.IsRunnable = false;
            _finishedCount++;
            if (body.IsFaulted)
            {
                throw new InvalidOperationException($"{thread} failed: {body.Exception!.GetBaseException().Message}",
                    body.Exception.GetBaseException());
            }
            kernel.ThreadFinished(thread);
        }

        private static void Start(SimThread thread, SimUserContext context, Func<SimUserContext, Task> code)
        {
            try
            {
                thread.Body = code(context);
            }
            catch (Exception ex)
            {
                thread.Body = Task.FromException(ex);
            }
        }

        private void GrowEnabled()
        {
            int needed = _threadCount + _deviceCount + 1;
            if (needed > _enabled.Length)
            {
                Array.Resize(ref _enabled, Math.Max(needed, _enabled.Length * 2));
            }
        }
    }
}
