// One generated syscall as the thread issued it: the number and argument registers (MR3..MR8 are random words the
// kernel only copies), kept so that a failure can name exactly what was asked.
using Verified.Hal.Sim.Machine;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal readonly struct FuzzCall
    {
        public readonly ulong Number;
        public readonly ulong Rdi;
        public readonly ulong Rsi;
        public readonly ulong Rdx;
        public readonly ulong R10;
        public readonly ulong R8;
        public readonly ulong R9;

        public FuzzCall(SimRegisters r)
        {
            Number = r.Rax;
            Rdi = r.Rdi;
            Rsi = r.Rsi;
            Rdx = r.Rdx;
            R10 = r.R10;
            R8 = r.R8;
            R9 = r.R9;
        }

        public override string ToString() =>
            $"syscall {Number} (rdi 0x{Rdi:X}, rsi 0x{Rsi:X}, rdx 0x{Rdx:X}, r10 0x{R10:X}, r8 0x{R8:X}, r9 0x{R9:X})";
    }
}
