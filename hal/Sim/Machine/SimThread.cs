// A user thread of the simulated machine: a register file, an address space, a UTCB page, and its code, a coroutine
// (an async method) that the machine resumes one step at a time and that gives control back at every kernel entry.
using System;
using System.Threading.Tasks;

namespace Verified.Hal.Sim.Machine
{
    /// <summary>Why a thread's code stopped and entered the kernel.</summary>
    public enum KernelEntry : byte
    {
        None,
        Syscall,
        PageFault,
        Exception,
    }

    public sealed class SimThread
    {
        internal SimThread(int id, string name, SimAddressSpace space, Utcb utcb)
        {
            Id = id;
            Name = name;
            Space = space;
            Utcb = utcb;
        }

        /// <summary>Creation order from 0: names the thread in schedules and traces.</summary>
        public int Id { get; }

        public string Name { get; }

        public SimAddressSpace Space { get; }

        public SimRegisters Registers { get; } = new();

        public Utcb Utcb { get; }

        /// <summary>The scheduler may pick it: its user code can run (or its kernel continuation, see
        /// <see cref="ContinuesInKernel"/>). Set through SimMachine.Wake, Block and ContinueInKernel.</summary>
        public bool IsRunnable { get; internal set; }

        /// <summary>When picked, the kernel's Continue runs instead of user code (a preempted long operation).</summary>
        public bool ContinuesInKernel { get; internal set; }

        /// <summary>Its code returned; it never runs again.</summary>
        public bool IsFinished { get; internal set; }

        /// <summary>Steps this thread ran (user steps and kernel continuations).</summary>
        public long Steps { get; internal set; }

        /// <summary>Free for the kernel: the index of the thread's TCB in the core's tables, for example.</summary>
        public long KernelHandle { get; set; } = -1;

        /// <summary>The last kernel entry of this thread (valid while the kernel handles it).</summary>
        public KernelEntry LastEntry { get; internal set; }

        internal Action? Continuation { get; set; }

        internal Task? Body { get; set; }

        internal KernelEntry PendingEntry { get; set; }

        internal PageFault PendingFault { get; set; }

        internal int PendingVector { get; set; }

        internal ulong PendingErrorCode { get; set; }

        public override string ToString() => $"{Name}#{Id}";
    }
}
