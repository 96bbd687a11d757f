// A Sim thread's register file as the kernel's syscall frame (docs/abi.md section 1); one per thread, made once.
using System.Runtime.CompilerServices;
using Verified.Hal.Sim.Machine;
using Verified.Kernel.Core;

namespace Verified.Hal.Sim.Kernel
{
    public sealed class SimFrame : ISyscallFrame
    {
        private readonly SimRegisters _registers;

        public SimFrame(SimRegisters registers)
        {
            _registers = registers;
        }

        public ulong GetNumber() => _registers.Rax;

        public void SetResult(ulong value) => _registers.Rax = value;

        public ulong GetArgument(int index) => _registers.GetArgument(index);

        public void SetArgument(int index, ulong value) => _registers.SetArgument(index, value);

        public ulong GetMessageRegister(int index) => _registers.GetMessageRegister(index);

        public void SetMessageRegister(int index, ulong value) => _registers.SetMessageRegister(index, value);

        // SimGeneralRegisters has RegisterFile's fields in RegisterFile's order (SimFrameTests checks the offsets).
        public ref RegisterFile Registers => ref Unsafe.As<SimGeneralRegisters, RegisterFile>(ref _registers.General);
    }
}
