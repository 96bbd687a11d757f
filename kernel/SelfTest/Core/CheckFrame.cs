// A register frame in plain arrays for the boot self-checks of kernel/Core: syscalls are made by loading it and
// calling KernelCore.Syscall, as an entry stub would after saving the user registers.
using Verified.Kernel.Core;

namespace Verified.Kernel.SelfTest
{
    internal sealed class CheckFrame : ISyscallFrame
    {
        private readonly ulong[] _arguments = new ulong[6];   // rdi, rsi, rdx, r10, r8, r9
        private readonly ulong[] _upper = new ulong[6];       // r12, r13, r14, r15, rbx, rbp
        private ulong _rax;

        public ulong GetNumber() => _rax;

        public void SetResult(ulong value) => _rax = value;

        public ulong Result => _rax;

        public ulong GetArgument(int index) => _arguments[index];

        public void SetArgument(int index, ulong value) => _arguments[index] = value;

        public ulong GetMessageRegister(int index) => index < 3 ? _arguments[3 + index] : _upper[index - 3];

        public void SetMessageRegister(int index, ulong value)
        {
            if (index < 3)
            {
                _arguments[3 + index] = value;
            }
            else
            {
                _upper[index - 3] = value;
            }
        }

        /// <summary>Loads rax, rdi, rsi, rdx for the next syscall.</summary>
        public void Load(ulong number, ulong rdi, ulong rsi, ulong rdx)
        {
            _rax = number;
            _arguments[0] = rdi;
            _arguments[1] = rsi;
            _arguments[2] = rdx;
        }
    }

    /// <summary>A clock the checks set by hand; no machine threads or address spaces for Create, no machine thread to
    /// stop when one is deleted.</summary>
    internal sealed class CheckPlatform : IKernelPlatform
    {
        public ulong Time;

        public ulong Now() => Time;

        public ISyscallFrame? BindThread(uint thread, uint task, uint utcbSlot) => null;

        public void ThreadDeleted(uint thread)
        {
        }

        public bool CreateAddressSpace(uint task) => false;
    }
}
