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
        private readonly ulong[] _contexts;     // UserContext* per thread id, allocated on first use and kept
        private readonly ThreadFrame?[] _frames;
        private readonly uint[] _task;
        private readonly uint[] _utcbSlot;
        private readonly ulong[] _utcb;         // physical address of the UTCB page per thread id (kept, zeroed on reuse)
        private readonly bool[] _bound;

        public X64Platform(uint threads, TaskSpaces spaces)
        {
            _spaces = spaces;
            _contexts = new ulong[threads];
            _frames = new ThreadFrame?[threads];
            _task = new uint[threads];
            _utcbSlot = new uint[threads];
            _utcb = new ulong[threads];
            _bound = new bool[threads];
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

        /// <summary>Threads bound so far (a thread id used again is a new thread).</summary>
        public ulong Binds;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool IsBound(uint thread) => thread < _bound.Length && _bound[thread];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public UserContext* ContextOf(uint thread) => (UserContext*)_contexts[thread];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint TaskOf(uint thread) => _task[thread];

        /// <summary>The address of the thread's UTCB in its task (its FS base: the user library finds it there).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong UtcbAddress(uint thread) => TaskSpaces.UtcbBase + _utcbSlot[thread] * TaskSpaces.PageSize;

        public ulong Now() => Ticks;

        public ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot, ulong rip, ulong rsp, out bool waitsForStart)
        {
            // Machine code at address 0 is no start: such a thread waits for ExchangeRegisters to give it a rip (as
            // a loader needs, to set the pager before the first instruction faults).
            waitsForStart = rip == 0;
            if (thread >= _bound.Length || task >= _spaces.Tasks || utcbSlot >= TaskSpaces.UtcbSlots || _bound[thread])
            {
                return null;
            }
            for (uint t = 0; t < _bound.Length; t++)
            {
                if (_bound[t] && _task[t] == task && _utcbSlot[t] == utcbSlot)
                {
                    return null; // one thread per UTCB page of a task
                }
            }
            if (_contexts[thread] == 0)
            {
                _contexts[thread] = (ulong)UserContext.Create(rip, rsp, _spaces.Cr3(task));
                _utcb[thread] = (ulong)PhysicalMemory.AllocateZeroed(TaskSpaces.PageSize, TaskSpaces.PageSize);
                _frames[thread] = new ThreadFrame((UserContext*)_contexts[thread]);
            }
            else
            {
                UserContext.Initialize((UserContext*)_contexts[thread], rip, rsp, _spaces.Cr3(task));
                ulong* page = (ulong*)_utcb[thread];
                for (uint i = 0; i < TaskSpaces.PageSize / 8; i++)
                {
                    page[i] = 0;
                }
            }
            _task[thread] = task;
            _utcbSlot[thread] = utcbSlot;
            _spaces.SetUtcb(task, utcbSlot, _utcb[thread]);
            _bound[thread] = true;
            Binds++;
            return _frames[thread];
        }

        public uint BindMappingSpace(uint tasks, out uint frames, out uint nodes)
        {
            frames = _spaces.Frames;
            nodes = frames + ExtraMappingNodes;
            return HalPageTables.__default.Attach(_spaces);
        }

        // The UTCB is a kernel-owned frame, read through the identity map: never a fault.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong ReadUtcb(uint thread, uint word) =>
            IsBound(thread) && word < TaskSpaces.PageSize / 8 ? ((ulong*)_utcb[thread])[word] : 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void WriteUtcb(uint thread, uint word, ulong value)
        {
            if (IsBound(thread) && word < TaskSpaces.PageSize / 8)
            {
                ((ulong*)_utcb[thread])[word] = value;
            }
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

        // UTCB words first..first+count-1 of a bound thread, with at..at+count-1 inside an array of `length`: their
        // address, or null when any of that does not hold.
        private ulong* UtcbRun(uint thread, uint first, uint count, uint length, uint at) =>
            IsBound(thread) && first + count <= TaskSpaces.PageSize / 8 && first + count >= first
                && at + count <= length && at + count >= at
                ? (ulong*)_utcb[thread] + first : null;

        private static void Copy(ulong* to, ulong* from, uint count)
        {
            for (uint i = 0; i < count; i++)
            {
                to[i] = from[i];
            }
        }

        public byte CopyUser(uint source, ulong sourceAddress, uint destination, ulong destinationAddress, ulong length,
            out ulong copied, out ulong faultAddress, out ulong faultCode)
        {
            if (!IsBound(source) || !IsBound(destination))
            {
                Panic.Halt("kernel bug: user copy between threads without a machine thread");
            }
            byte status = UserCopy.Copy(_spaces, _task[source], sourceAddress, _task[destination], destinationAddress,
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
            _spaces.SetUtcb(_task[thread], _utcbSlot[thread], 0);
            _bound[thread] = false;
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
}
