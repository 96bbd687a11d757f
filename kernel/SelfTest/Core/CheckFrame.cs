// The registers of a thread in the boot self-checks of kernel/Core: syscalls are made by loading them and calling
// KernelCore.Syscall, as the entry stub does after saving the user registers. They are the booted kernel's own frame
// class (ThreadFrame) over a UserContext of their own, so that the core under check reads and writes registers
// exactly as it does for a user thread, and so that the image holds one ISyscallFrame class, which the code generator
// then calls without a type test on every frame access. An index outside the ABI's reads 0 and writes nothing.
using System.Runtime.CompilerServices;
using Verified.Hal.X64;
using Verified.Kernel.Core;
using Verified.Kernel.Machine;

namespace Verified.Kernel.SelfTest
{
    internal sealed unsafe class CheckFrame
    {
        /// <summary>The frame of thread <paramref name="thread"/> of a kernel under check, over the UTCB the check
        /// platform keeps for that id.</summary>
        public CheckFrame(CheckPlatform platform, uint thread)
        {
            Frame = new ThreadFrame(UserContext.Create(0, 0, 0), platform.UtcbOf(thread));
        }

        /// <summary>What the core is given for the thread (KernelCore.BootThread).</summary>
        public ThreadFrame Frame { get; }

        public ulong Result => Frame.Registers.Rax;

        public void SetArgument(int index, ulong value) => Frame.SetArgument(index, value);

        public ulong GetMessageRegister(int index) => Frame.GetMessageRegister(index);

        public void SetMessageRegister(int index, ulong value) => Frame.SetMessageRegister(index, value);

        /// <summary>Loads rax, rdi, rsi, rdx for the next syscall.</summary>
        public void Load(ulong number, ulong rdi, ulong rsi, ulong rdx)
        {
            ref RegisterFile registers = ref Frame.Registers;
            registers.Rax = number;
            registers.Rdi = rdi;
            registers.Rsi = rsi;
            registers.Rdx = rdx;
        }
    }

    /// <summary>A clock the checks set by hand; no machine threads or address spaces for Create, no machine thread to
    /// stop when one is deleted; the tasks' mapping windows in real 4-level tables over freshly allocated frames (as the
    /// mapping self-checks make them); UTCB pages for up to <see cref="UtcbThreads"/> threads, zeroed for every
    /// platform, which the checks' frames read too (CheckFrame); no user memory outside the windows' bookkeeping, so
    /// every copy faults at its first source byte.</summary>
    internal sealed unsafe class CheckPlatform : IKernelPlatform
    {
        // The code generator knows two platform classes, the booted kernel's and this one, and compiles a platform call
        // as a test for the first with the other's body inlined beside it: the word copies are kept out of line here,
        // so that their loops add no registers to the booted kernel's functions that call them.
        private const uint Frames = 16;
        private const uint UtcbThreads = 8;
        private const uint UtcbWords = 512;

        // One set of pages for every platform the checks make (they run one at a time): allocated once, zeroed by
        // each platform.
        private static ulong* s_utcbs;

        // The same pages, read through the instance: the code generator inlines ReadUtcb's and WriteUtcb's bodies
        // beside the booted platform's in the kernel's calls, where the static's address cost the buffered rows 17.
        private readonly ulong* _utcbs;

        public CheckPlatform()
        {
            if (s_utcbs == null)
            {
                s_utcbs = (ulong*)PhysicalMemory.AllocateZeroed(UtcbThreads * UtcbWords * 8, 4096);
            }
            _utcbs = s_utcbs;
            for (uint i = 0; i < UtcbThreads * UtcbWords; i++)
            {
                _utcbs[i] = 0;
            }
        }

        /// <summary>The UTCB page of thread <paramref name="thread"/> (below <see cref="UtcbThreads"/>).</summary>
        public ulong* UtcbOf(uint thread)
        {
            if (thread >= UtcbThreads)
            {
                Panic.Halt("self-check platform: a frame for a thread without a UTCB page");
            }
            return _utcbs + thread * UtcbWords;
        }

        public ulong Time;

        public ulong Now() => Time;

        public ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot, ulong rip, ulong rsp, out bool waitsForStart)
        {
            waitsForStart = false;
            return null;
        }

        // One set of windows for every kernel the checks make: the X64 HAL binds at most 8 sets for the whole boot and
        // the mapping self-checks take some. The checks map nothing, so each kernel finds only sigma0's roots there.
        private const uint SpaceTasks = 4;
        private static bool s_bound;
        private static uint s_space;

        /// <summary>The windows every self-check kernel's mapping core writes (null before the first kernel).</summary>
        public static MappingAddressSpaces? Spaces;

        /// <summary>Physical address of the mapping core's frame 0.</summary>
        public static ulong FrameBase;

        public uint BindMappingSpace(uint tasks, out uint frames, out uint nodes)
        {
            frames = Frames;
            nodes = 64;
            if (tasks > SpaceTasks)
            {
                Panic.Halt("self-check platform: more tasks than its mapping windows");
            }
            if (!s_bound)
            {
                FrameBase = (ulong)PhysicalMemory.AllocateZeroed(Frames * MappingAddressSpaces.PageSize, MappingAddressSpaces.PageSize);
                Spaces = new MappingAddressSpaces(SpaceTasks, FrameBase);
                s_space = HalPageTables.__default.Attach(Spaces);
                s_bound = true;
            }
            return s_space;
        }

        public ulong ReadUtcb(uint thread, uint word) =>
            thread < UtcbThreads && word < UtcbWords ? _utcbs[thread * UtcbWords + word] : 0;

        public void WriteUtcb(uint thread, uint word, ulong value)
        {
            if (thread < UtcbThreads && word < UtcbWords)
            {
                _utcbs[thread * UtcbWords + word] = value;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void ReadUtcbWords(uint thread, uint first, uint count, ulong[] into, uint at) =>
            UtcbWordCopy.Read(this, thread, first, count, into, at);

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void WriteUtcbWords(uint thread, uint first, uint count, ulong[] from, uint at) =>
            UtcbWordCopy.Write(this, thread, first, count, from, at);

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void CopyUtcbWords(uint from, uint to, uint first, uint count) =>
            UtcbWordCopy.Copy(this, from, to, first, count);

        public byte CopyUser(uint source, ulong sourceAddress, uint destination, ulong destinationAddress, ulong length,
            out ulong copied, out ulong faultAddress, out ulong faultCode)
        {
            copied = 0;
            faultAddress = sourceAddress;
            faultCode = 4;   // a user-mode read of a page that is not present
            return UserCopyStatus.SourceFault;
        }

        // No interrupt controller: no line can be handed to a driver, so the mask is never asked for.
        public uint InterruptLines() => 0;

        public void MaskLine(uint line)
        {
        }

        public void UnmaskLine(uint line)
        {
        }

        public void ThreadDeleted(uint thread)
        {
        }

        public bool CreateAddressSpace(uint task) => false;

        public void DebugPutChar(uint thread, byte c) => Serial.Write((char)c);

        public void ThreadExiting(uint thread, uint code)
        {
        }

        public void SetRegisters(uint thread, bool setRip, ulong rip, bool setRsp, ulong rsp)
        {
        }
    }
}
