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

        // SimGeneralRegisters has RegisterFile's fields in RegisterFile's order (SimFrameTests checks every register).
        public ref RegisterFile Registers => ref Unsafe.As<SimGeneralRegisters, RegisterFile>(ref _registers.General);
    }
}
