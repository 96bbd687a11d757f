// A register file of its own for the boot self-checks of kernel/Core: syscalls are made by loading it and
// calling KernelCore.Syscall, as an entry stub would after saving the user registers. An index outside the ABI's
// reads 0 and writes nothing, as on X64 (ThreadFrame).
using Verified.Hal.X64;
using Verified.Kernel.Core;

namespace Verified.Kernel.SelfTest
{
    internal sealed class CheckFrame : ISyscallFrame
    {
        private RegisterFile _registers;

        public ulong GetNumber() => _registers.Rax;

        public void SetResult(ulong value) => _registers.Rax = value;

        public ulong Result => _registers.Rax;

        public ulong GetArgument(int index) => index switch
        {
            0 => _registers.Rdi,
            1 => _registers.Rsi,
            2 => _registers.Rdx,
            3 => _registers.R10,
            4 => _registers.R8,
            5 => _registers.R9,
            _ => 0,
        };

        public void SetArgument(int index, ulong value)
        {
            switch (index)
            {
                case 0: _registers.Rdi = value; break;
                case 1: _registers.Rsi = value; break;
                case 2: _registers.Rdx = value; break;
                case 3: _registers.R10 = value; break;
                case 4: _registers.R8 = value; break;
                case 5: _registers.R9 = value; break;
            }
        }

        public ulong GetMessageRegister(int index) => index switch
        {
            0 => _registers.R10,
            1 => _registers.R8,
            2 => _registers.R9,
            3 => _registers.R12,
            4 => _registers.R13,
            5 => _registers.R14,
            6 => _registers.R15,
            7 => _registers.Rbx,
            8 => _registers.Rbp,
            _ => 0,
        };

        public void SetMessageRegister(int index, ulong value)
        {
            switch (index)
            {
                case 0: _registers.R10 = value; break;
                case 1: _registers.R8 = value; break;
                case 2: _registers.R9 = value; break;
                case 3: _registers.R12 = value; break;
                case 4: _registers.R13 = value; break;
                case 5: _registers.R14 = value; break;
                case 6: _registers.R15 = value; break;
                case 7: _registers.Rbx = value; break;
                case 8: _registers.Rbp = value; break;
            }
        }

        public ref RegisterFile Registers => ref _registers;

        /// <summary>Loads rax, rdi, rsi, rdx for the next syscall.</summary>
        public void Load(ulong number, ulong rdi, ulong rsi, ulong rdx)
        {
            _registers.Rax = number;
            _registers.Rdi = rdi;
            _registers.Rsi = rsi;
            _registers.Rdx = rdx;
        }
    }

    /// <summary>A clock the checks set by hand; no machine threads or address spaces for Create, no machine thread to
    /// stop when one is deleted; the tasks' mapping windows in real 4-level tables over freshly allocated frames (as the
    /// mapping self-checks make them); UTCBs of the first words for up to <see cref="UtcbThreads"/> threads; no user
    /// memory outside the windows' bookkeeping, so every copy faults at its first source byte.</summary>
    internal sealed unsafe class CheckPlatform : IKernelPlatform
    {
        private const uint Frames = 16;
        private const uint UtcbThreads = 8;
        private const uint UtcbWords = 128;
        private readonly ulong[] _utcb = new ulong[UtcbThreads * UtcbWords];

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
            thread < UtcbThreads && word < UtcbWords ? _utcb[thread * UtcbWords + word] : 0;

        public void WriteUtcb(uint thread, uint word, ulong value)
        {
            if (thread < UtcbThreads && word < UtcbWords)
            {
                _utcb[thread * UtcbWords + word] = value;
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
