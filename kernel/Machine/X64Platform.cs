// The x86-64 machine under kernel/Core (its IKernelPlatform, as SimKernel is Sim's): a UserContext, a UTCB page
// and an FS base per kernel thread, the tasks' live page tables (hal/X64/Spaces), the timer's tick count, the
// legacy PIC's lines for user drivers, the serial line for debug output.
using System.Runtime.CompilerServices;
using Verified.Hal.X64;
using Verified.Kernel.Core;

namespace Verified.Kernel.Machine
{
    internal sealed unsafe class X64Platform : IKernelPlatform
    {
        // The mapping core's node capacity beyond the frames' own roots: one node per mapping of a frame elsewhere.
        private const uint ExtraMappingNodes = 16_384;
        private const uint PicLines = 16;

        private readonly TaskSpaces _spaces;
        private readonly MachineThread[] _threads;

        // Each thread's UTCB address while it is bound, else the address of a page of zeros (_noUtcb): what ReadUtcb
        // reads, one word per thread id (MachineThread keeps the page across binds). A read of a UTCB word (the receive
        // buffers', BR0 and BR3.., at every buffered IPC; the fast path reads BR0 through the frame instead) is then the
        // address and the word, with no test for an unbound thread, whose words read 0 (with the test, the buffered
        // rows are 6 to 8 higher). It mirrors MachineThread.Bound, and BindThread and ThreadDeleted write both. (Bound
        // alone answers IsBound: the switch reads the thread's record anyway, and IsBound through this array cost the
        // round trip 10.) Nothing writes through an address that is _noUtcb: BoundUtcb refuses it.
        private readonly ulong[] _boundUtcbs;
        private readonly ulong _noUtcb;

        public X64Platform(uint threads, TaskSpaces spaces)
        {
            _spaces = spaces;
            _threads = new MachineThread[threads];
            _noUtcb = (ulong)PhysicalMemory.AllocateZeroed(TaskSpaces.PageSize, TaskSpaces.PageSize);
            _boundUtcbs = new ulong[threads];
            for (uint t = 0; t < threads; t++)
            {
                _boundUtcbs[t] = _noUtcb;
            }
        }

        public TaskSpaces Spaces => _spaces;

        /// <summary>Timer ticks since the system started (the IPC core's clock).</summary>
        public ulong Ticks;

        /// <summary>Set by the root task's first thread's Exit: the system's verdict.</summary>
        public bool RootExited;

        public uint RootExitCode;

        /// <summary>The verdict when the root task's first thread is deleted without an Exit.</summary>
        public const uint RootKilled = 0xDEAD;

        /// <summary>The thread whose Exit ends the system.</summary>
        public uint RootThread = KernelCore.NoThread;

        /// <summary>The thread whose FS base the kernel loop's last switch loaded; a bind forgets it (a thread id used
        /// again is a new thread, with an FS base of its own).</summary>
        public uint Loaded = KernelCore.NoThread;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool IsBound(uint thread) => thread < (uint)_threads.Length && _threads[thread].Bound;

        /// <summary>The machine's record of a thread id (bound or not): the switch reads all it needs from it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref MachineThread Thread(uint thread) => ref _threads[thread];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public UserContext* ContextOf(uint thread) => _threads[thread].Context;

        public ulong Now() => Ticks;

        public ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot, ulong rip, ulong rsp, out bool waitsForStart)
        {
            // Machine code at address 0 is no start: such a thread waits for ExchangeRegisters to give it a rip (as
            // a loader needs, to set the pager before the first instruction faults).
            waitsForStart = rip == 0;
            if (thread >= _threads.Length || task >= _spaces.Tasks || utcbSlot >= TaskSpaces.UtcbSlots || _threads[thread].Bound)
            {
                return null;
            }
            for (uint t = 0; t < _threads.Length; t++)
            {
                if (_threads[t].Bound && _threads[t].Task == task && _threads[t].UtcbSlot == utcbSlot)
                {
                    return null; // one thread per UTCB page of a task
                }
            }
            ref MachineThread m = ref _threads[thread];
            if (m.Context == null)
            {
                m.Context = UserContext.Create(rip, rsp, _spaces.Cr3(task));
                m.Utcb = (ulong*)PhysicalMemory.AllocateZeroed(TaskSpaces.PageSize, TaskSpaces.PageSize);
                m.Frame = new ThreadFrame(m.Context, m.Utcb);
            }
            else
            {
                UserContext.Initialize(m.Context, rip, rsp, _spaces.Cr3(task));
                for (uint i = 0; i < TaskSpaces.PageSize / 8; i++)
                {
                    m.Utcb[i] = 0;
                }
            }
            m.Task = task;
            m.UtcbSlot = utcbSlot;
            // The address of the UTCB in the task is the thread's FS base: the user library finds it there.
            m.FsBase = TaskSpaces.UtcbBase + utcbSlot * TaskSpaces.PageSize;
            _spaces.SetUtcb(task, utcbSlot, (ulong)m.Utcb);
            m.Bound = true;
            _boundUtcbs[thread] = (ulong)m.Utcb;
            Loaded = KernelCore.NoThread;
            return m.Frame;
        }

        public uint BindMappingSpace(uint tasks, out uint frames, out uint nodes)
        {
            frames = _spaces.Frames;
            nodes = frames + ExtraMappingNodes;
            return HalPageTables.__default.Attach(_spaces);
        }

        // The UTCB is a kernel-owned frame, read and written through the identity map: never a fault. (ReadUtcb tests
        // the id and the word before it loads the address; written through BoundUtcb it cost the round trip 3.) An
        // unbound thread's address is the page of zeros.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong ReadUtcb(uint thread, uint word)
        {
            ulong[] utcbs = _boundUtcbs;
            int t = (int)thread;
            if ((uint)t < (uint)utcbs.Length && word < TaskSpaces.PageSize / 8)
            {
                return ((ulong*)utcbs[t])[word];
            }
            return 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void WriteUtcb(uint thread, uint word, ulong value)
        {
            ulong* utcb = BoundUtcb(thread);
            if (utcb != null && word < TaskSpaces.PageSize / 8)
            {
                utcb[word] = value;
            }
        }

        // The UTCB of a bound thread, null for any other id. (The array in a local and an int index: the code
        // generator then drops the element's bounds check, which the first test already makes.)
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ulong* BoundUtcb(uint thread)
        {
            ulong[] utcbs = _boundUtcbs;
            int t = (int)thread;
            if ((uint)t >= (uint)utcbs.Length)
            {
                return null;
            }
            ulong utcb = utcbs[t];
            return utcb != _noUtcb ? (ulong*)utcb : null;
        }

        public void ReadUtcbWords(uint thread, uint first, uint count, ulong[] into, uint at)
        {
            ulong* utcb = UtcbRun(thread, first, count, (uint)into.Length, at);
            if (utcb == null)
            {
                // The edge cases word by word, as ReadUtcb answers them.
                UtcbWordCopy.Read(this, thread, first, count, into, at);
                return;
            }
            fixed (ulong* words = into)
            {
                Copy(words + at, utcb, count);
            }
        }

        public void WriteUtcbWords(uint thread, uint first, uint count, ulong[] from, uint at)
        {
            ulong* utcb = UtcbRun(thread, first, count, (uint)from.Length, at);
            if (utcb == null)
            {
                UtcbWordCopy.Write(this, thread, first, count, from, at);
                return;
            }
            fixed (ulong* words = from)
            {
                Copy(utcb, words + at, count);
            }
        }

        public void CopyUtcbWords(uint from, uint to, uint first, uint count)
        {
            // The same words of both UTCBs: the range is checked once for the two.
            ulong* source = BoundUtcb(from);
            ulong* destination = BoundUtcb(to);
            uint end = first + count;
            if (source == null || destination == null || end > TaskSpaces.PageSize / 8 || end < first)
            {
                UtcbWordCopy.Copy(this, from, to, first, count);
                return;
            }
            Copy(destination + first, source + first, count);
        }

        // UTCB words first..first+count-1 of a bound thread, with at..at+count-1 inside an array of `length`: their
        // address, or null when any of that does not hold.
        private ulong* UtcbRun(uint thread, uint first, uint count, uint length, uint at)
        {
            ulong* utcb = BoundUtcb(thread);
            return utcb != null && first + count <= TaskSpaces.PageSize / 8 && first + count >= first
                && at + count <= length && at + count >= at
                ? utcb + first : null;
        }

        private static void Copy(ulong* to, ulong* from, uint count) => Cpu.CopyWords(to, from, count);

        public byte CopyUser(uint source, ulong sourceAddress, uint destination, ulong destinationAddress, ulong length,
            out ulong copied, out ulong faultAddress, out ulong faultCode)
        {
            if (!IsBound(source) || !IsBound(destination))
            {
                Panic.Halt("kernel bug: user copy between threads without a machine thread");
            }
            byte status = UserCopy.Copy(_spaces, _threads[source].Task, sourceAddress, _threads[destination].Task, destinationAddress,
                length, out copied, out faultAddress, out faultCode);
            return status == UserCopy.SourceFault ? UserCopyStatus.SourceFault
                : status == UserCopy.DestinationFault ? UserCopyStatus.DestinationFault
                : UserCopyStatus.Completed;
        }

        public uint InterruptLines() => PicLines;

        public void MaskLine(uint line) => Pic.Mask(line);

        public void UnmaskLine(uint line) => Pic.Unmask(line);

        public void ThreadDeleted(uint thread)
        {
            if (!IsBound(thread))
            {
                return;
            }
            if (thread == RootThread && !RootExited)
            {
                // Deleted without Exit (a fault nobody handles): the system has lost its verdict.
                RootExited = true;
                RootExitCode = RootKilled;
            }
            _spaces.SetUtcb(_threads[thread].Task, _threads[thread].UtcbSlot, 0);
            _threads[thread].Bound = false;
            _boundUtcbs[thread] = _noUtcb;
        }

        public bool CreateAddressSpace(uint task)
        {
            if (task >= _spaces.Tasks)
            {
                return false;
            }
            _spaces.ForgetImage(task);
            return true;
        }

        public void DebugPutChar(uint thread, byte c) => Serial.Write((char)c);

        public void ThreadExiting(uint thread, uint code)
        {
            if (thread == RootThread)
            {
                RootExited = true;
                RootExitCode = code;
            }
        }

        public void SetRegisters(uint thread, bool setRip, ulong rip, bool setRsp, ulong rsp)
        {
            if (!IsBound(thread))
            {
                return;
            }
            UserContext* context = ContextOf(thread);
            if (setRip)
            {
                context->Frame.Rip = rip;
            }
            if (setRsp)
            {
                context->Frame.Rsp = rsp;
            }
        }
    }

    /// <summary>What the machine keeps per thread id: kept across binds (a thread id used again reuses its context and
    /// UTCB memory), valid while Bound.</summary>
    internal unsafe struct MachineThread
    {
        public UserContext* Context;    // allocated on first use
        public ulong* Utcb;             // the UTCB page (physical = kernel address), zeroed on reuse
        public ulong FsBase;            // the UTCB's address in the task
        public ThreadFrame? Frame;
        public uint Task;
        public uint UtcbSlot;
        public bool Bound;
    }
}
