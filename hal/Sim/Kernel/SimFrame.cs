// A Sim thread's register file as the kernel's syscall frame (docs/abi.md section 1); one per thread, made once.
using System.Runtime.CompilerServices;
using Verified.Hal.Sim.Machine;
using Verified.Kernel.Core;

namespace Verified.Hal.Sim.Kernel
{
    public sealed class SimFrame : ISyscallFrame
    {
        private readonly SimRegisters _registers;
        private readonly Utcb? _utcb;

        /// <summary>A frame over <paramref name="registers"/> alone: its UTCB words read 0, as the platform reads
        /// them for a thread without a UTCB.</summary>
        public SimFrame(SimRegisters registers)
        {
            _registers = registers;
        }

        public SimFrame(SimRegisters registers, Utcb utcb)
        {
            _registers = registers;
            _utcb = utcb;
        }

        public ulong GetNumber() => _registers.Rax;

        public void SetResult(ulong value) => _registers.Rax = value;

        public ulong GetArgument(int index) => _registers.GetArgument(index);

        public void SetArgument(int index, ulong value) => _registers.SetArgument(index, value);

        public ulong GetMessageRegister(int index) => _registers.GetMessageRegister(index);

        public void SetMessageRegister(int index, ulong value) => _registers.SetMessageRegister(index, value);

        // SimGeneralRegisters has RegisterFile's fields in RegisterFile's order (SimFrameTests checks the offsets).
        public ref RegisterFile Registers => ref Unsafe.As<SimGeneralRegisters, RegisterFile>(ref _registers.General);

        // As SimKernel.ReadUtcb reads the thread's UTCB.
        public ulong ReadUtcb(uint word) => _utcb is Utcb utcb && word < Utcb.Words ? utcb[(int)word] : 0;
    }
}
