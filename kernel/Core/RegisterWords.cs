// MR1..MR8 between a thread's registers and a staged row, unrolled: MR1..MR8 are r8, r9, r12..r15, rbx, rbp.
using System.Runtime.CompilerServices;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        // MR1..MR(min(words, 8)) of the registers into the staged row.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void StageRegisterWords(ref RegisterFile regs, uint row, ulong words)
        {
            ulong[] staged = _staged;
            if (words == 0) { return; }
            staged[row + 1] = regs.R8;
            if (words == 1) { return; }
            staged[row + 2] = regs.R9;
            if (words == 2) { return; }
            staged[row + 3] = regs.R12;
            if (words == 3) { return; }
            staged[row + 4] = regs.R13;
            if (words == 4) { return; }
            staged[row + 5] = regs.R14;
            if (words == 5) { return; }
            staged[row + 6] = regs.R15;
            if (words == 6) { return; }
            staged[row + 7] = regs.Rbx;
            if (words == 7) { return; }
            staged[row + 8] = regs.Rbp;
        }

        // The staged row's MR1..MR(min(words, 8)) into the registers.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void DeliverRegisterWords(ref RegisterFile regs, uint row, ulong words)
        {
            ulong[] staged = _staged;
            if (words == 0) { return; }
            regs.R8 = staged[row + 1];
            if (words == 1) { return; }
            regs.R9 = staged[row + 2];
            if (words == 2) { return; }
            regs.R12 = staged[row + 3];
            if (words == 3) { return; }
            regs.R13 = staged[row + 4];
            if (words == 4) { return; }
            regs.R14 = staged[row + 5];
            if (words == 5) { return; }
            regs.R15 = staged[row + 6];
            if (words == 6) { return; }
            regs.Rbx = staged[row + 7];
            if (words == 7) { return; }
            regs.Rbp = staged[row + 8];
        }
    }
}
