// The Sim kernel with checks around every kernel entry: an exception escaping the kernel, or an invariant of the
// IPC core (IpcKernelInvariant), the capability core (CapSpaces.AssertInvariant) or the mapping core
// (MappingInvariant, all three shared as source with the core tests) broken after the entry, a demap left unfinished,
// or a mapping the page tables do not hold, ends the run with a FuzzFailure naming the seed and the entry. So does a
// disagreement between the kernel's layers: a machine thread still running whose kernel thread is dead (a deletion
// the machine was not told), or an endpoint or notification alive with no capability naming it (or named by
// capabilities after it was destroyed), and the kernel's transfer bookkeeping (KernelCore.CheckTransfers).
using System;
using Verified.Core.Tests.Caps;
using Verified.Core.Tests.Mapping;
using Verified.Explorer.Kernel;
using Verified.Hal.Sim.Kernel;
using Verified.Hal.Sim.Machine;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal sealed class CheckedKernel : ISimKernel
    {
        private readonly SimMachine _machine;
        // Every this many syscalls the windows' leaves are compared with the core page by page (stale leaves too);
        // after the others only the live mappings' leaves are (a full scan is 16k walks).
        private const long LeafScanPeriod = 1024;
        private readonly SimKernel _kernel;
        private readonly ulong _seed;

        public CheckedKernel(SimMachine machine, SimKernel kernel, ulong seed)
        {
            _machine = machine;
            _kernel = kernel;
            _seed = seed;
            machine.AttachKernel(this);
        }

        /// <summary>The most mappings beyond sigma0's roots the mapping core held after an entry: shows that map and
        /// grant items got through.</summary>
        public int MostMappings { get; private set; }

        /// <summary>Syscalls the kernel handled.</summary>
        public long Syscalls { get; private set; }

        public void Syscall(SimThread thread)
        {
            var call = new FuzzCall(thread.Registers);
            string Entry() => $"thread {thread.KernelHandle} {call}";
            try
            {
                _kernel.Syscall(thread);
            }
            catch (Exception e) when (e is not FuzzFailure)
            {
                throw new FuzzFailure(_seed, Syscalls, Entry(), "the kernel threw " + e.GetType().Name, e);
            }
            Syscalls++;
            Check(Entry);
        }

        public void PageFault(SimThread thread, PageFault fault)
        {
            uint id = (uint)thread.KernelHandle;
            bool handled = _kernel.Core.HasPager(id);
            Guard(() => _kernel.PageFault(thread, fault), () => $"page fault of thread {id}: {fault}");
            CheckFaulted(thread, id, "page fault", handled);
        }

        public void Exception(SimThread thread, int vector, ulong errorCode)
        {
            uint id = (uint)thread.KernelHandle;
            bool handled = _kernel.Core.HasExceptionHandler(id);
            Guard(() => _kernel.Exception(thread, vector, errorCode), () => $"exception {vector} of thread {id}");
            CheckFaulted(thread, id, $"exception {vector}", handled);
        }

        // With no pager or exception handler (hal/Sim/Kernel/README.md) a fault deletes the thread and nothing else:
        // it must be Dead in the IPC core and finished on the machine, while the invariants hold for the others.
        // With one, the thread Calls it: it lives on unless that Call failed at once (the handler's endpoint is gone).
        private void CheckFaulted(SimThread thread, uint id, string fault, bool handled)
        {
            bool dead = thread.IsFinished && _kernel.Core.Ipc.state[id] == IpcTypes.__default.Dead;
            bool alive = !thread.IsFinished && _kernel.Core.Ipc.state[id] != IpcTypes.__default.Dead;
            if (handled && (dead || alive))
            {
                return;
            }
            if (!dead)
            {
                throw new FuzzFailure(_seed, Syscalls, $"{fault} of thread {id}",
                    $"the thread survived (IPC state {_kernel.Core.Ipc.state[id]}, finished {thread.IsFinished})");
            }
        }

        // The timer's Tick and a driver line's Notify run the IPC core alone (KernelCore.Tick, KernelCore.Interrupt):
        // the capability core cannot change, so only the IPC invariant is checked after an interrupt. A driver line's
        // interrupt is counted exactly once (signalled or undelivered) and leaves the line masked until acknowledged.
        public void Interrupt(int line)
        {
            var core = _kernel.Core;
            ulong before = core.IrqSignalled((uint)line) + core.IrqUndelivered((uint)line);
            Guard(() => _kernel.Interrupt(line), () => $"interrupt {line}", capabilities: false);
            if (line == SimMachine.TimerLine)
            {
                return;
            }
            ulong after = core.IrqSignalled((uint)line) + core.IrqUndelivered((uint)line);
            if (after != before + 1 || !_machine.Interrupts.IsMasked(line))
            {
                throw new FuzzFailure(_seed, Syscalls, $"interrupt {line}",
                    $"counted {after - before} times, masked {_machine.Interrupts.IsMasked(line)}");
            }
        }

        public void Continue(SimThread thread) => Guard(() => _kernel.Continue(thread), () => $"continue of thread {thread.KernelHandle}");

        public void ThreadFinished(SimThread thread) =>
            Guard(() => _kernel.ThreadFinished(thread), () => $"end of thread {thread.KernelHandle}");

        private void Guard(Action entry, Func<string> what, bool capabilities = true)
        {
            try
            {
                entry();
            }
            catch (Exception e) when (e is not FuzzFailure)
            {
                throw new FuzzFailure(_seed, Syscalls, what(), "the kernel threw " + e.GetType().Name, e);
            }
            Check(what, capabilities);
        }

        private void Check(Func<string> entry, bool capabilities = true)
        {
            string? ipc = IpcKernelInvariant.Check(_kernel.Core.Ipc);
            if (ipc != null)
            {
                throw new FuzzFailure(_seed, Syscalls, entry(), "IPC core invariant: " + ipc);
            }
            uint transfers = _kernel.Core.CheckTransfers();
            if (transfers != 0)
            {
                throw new FuzzFailure(_seed, Syscalls, entry(), $"transfer bookkeeping: rule {transfers} (KernelCore.CheckTransfers)");
            }
            string? layers = CheckLayers();
            if (layers != null)
            {
                throw new FuzzFailure(_seed, Syscalls, entry(), layers);
            }
            if (!capabilities)
            {
                return;
            }
            try
            {
                CapSpaces.AssertInvariant(_kernel.Core.Caps);
            }
            catch (Exception e)
            {
                throw new FuzzFailure(_seed, Syscalls, entry(), "capability core invariant: " + e.Message, e);
            }
            string? mapping = MappingInvariant.Check(_kernel.Core.Mapping)
                ?? (_kernel.Core.Mapping.progress[MappingDatabase.__default.RootAt] != MappingTypes.__default.Nil
                    ? "a demap was left in progress" : null)
                ?? LeavesAgree(Syscalls % LeafScanPeriod == 0);
            if (mapping != null)
            {
                throw new FuzzFailure(_seed, Syscalls, entry(), "mapping core invariant: " + mapping);
            }
        }

        /// <summary>Null when each live mapping's leaf in its task's window says (frame, rights) as the core (x86
        /// cannot express write- or execute-only: present means readable), and with <paramref name="all"/> when no
        /// other leaf of the windows is present.</summary>
        private string? LeavesAgree(bool all)
        {
            MappingDatabase.MappingDb db = _kernel.Core.Mapping;
            // locals: the generated properties are a call per element in unoptimized builds
            byte[] rights = db.rights;
            uint[] task = db.task;
            ulong[] vpage = db.vpage, frame = db.frame;
            int derived = 0;
            for (uint n = 0; n < rights.Length; n++)
            {
                if (rights[n] == 0)
                {
                    continue;
                }
                if (n >= db.frames)
                {
                    derived++;
                }
                else if (!all)
                {
                    continue;   // sigma0's roots never change: the full scans cover them
                }
                MappingWindow window = _kernel.Windows.Window((int)task[n]);
                ulong entry = window.Walk(vpage[n]);
                if (entry == 0 || window.Decode(entry) != (frame[n], (byte)(rights[n] | 4)))
                {
                    return $"task {task[n]} page {vpage[n]}: the leaf 0x{entry:X} is not frame {frame[n]} rights {rights[n]}";
                }
            }
            if (derived > MostMappings)
            {
                MostMappings = derived;
            }
            if (!all)
            {
                return null;
            }
            uint[] slots = db.slot;
            for (uint t = 0; t < db.tasks; t++)
            {
                MappingWindow window = _kernel.Windows.Window((int)t);
                for (ulong v = 0; v < MappingWindow.Pages; v++)
                {
                    if (window.Walk(v) != 0 && slots[(int)(t * MappingWindow.Pages + v)] == MappingTypes.__default.Nil)
                    {
                        return $"task {t} page {v}: a leaf the core does not map";
                    }
                }
            }
            return null;
        }
    
        private string? CheckLayers()
        {
            var core = _kernel.Core;
            for (int i = 0; i < _machine.ThreadCount; i++)
            {
                SimThread thread = _machine.Thread(i);
                if (thread.IsFinished || thread.KernelHandle < 0)
                {
                    continue;
                }
                byte state = core.Ipc.state[thread.KernelHandle];
                if (state == IpcTypes.__default.Free || state == IpcTypes.__default.Dead)
                {
                    return $"machine thread {thread} runs on, but kernel thread {thread.KernelHandle} is in state {state}";
                }
            }
            for (uint e = 0; e < core.Objects.IpcObjects; e++)
            {
                bool alive = core.Ipc.epAlive[e] != IpcTypes.__default.NoObject;
                if (alive != (core.Caps.refCount[core.Objects.OfIpcObject(e)] > 0))
                {
                    return $"IPC object {e}: alive {alive}, but {core.Caps.refCount[e]} capabilities name it";
                }
            }
            return null;
        }
    }
}
