// MR1..MR8 between a frame and a staged row, unrolled: every register index is a constant, so a machine's frame
// accessor (X64: a switch over the saved registers) folds to one load or store per word once inlined.
using System.Runtime.CompilerServices;

namespace Verified.Kernel.Core
{
    public sealed partial class KernelCore
    {
        // MR1..MR(min(words, 8)) of the frame into the staged row.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void StageRegisterWords(ISyscallFrame frame, uint row, ulong words)
        {
            ulong[] staged = _staged;
            if (words == 0) { return; }
            staged[row + 1] = frame.GetMessageRegister(1);
            if (words == 1) { return; }
            staged[row + 2] = frame.GetMessageRegister(2);
            if (words == 2) { return; }
            staged[row + 3] = frame.GetMessageRegister(3);
            if (words == 3) { return; }
            staged[row + 4] = frame.GetMessageRegister(4);
            if (words == 4) { return; }
            staged[row + 5] = frame.GetMessageRegister(5);
            if (words == 5) { return; }
            staged[row + 6] = frame.GetMessageRegister(6);
            if (words == 6) { return; }
            staged[row + 7] = frame.GetMessageRegister(7);
            if (words == 7) { return; }
            staged[row + 8] = frame.GetMessageRegister(8);
        }

        // The staged row's MR1..MR(min(words, 8)) into the frame.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void DeliverRegisterWords(ISyscallFrame frame, uint row, ulong words)
        {
            ulong[] staged = _staged;
            if (words == 0) { return; }
            frame.SetMessageRegister(1, staged[row + 1]);
            if (words == 1) { return; }
            frame.SetMessageRegister(2, staged[row + 2]);
            if (words == 2) { return; }
            frame.SetMessageRegister(3, staged[row + 3]);
            if (words == 3) { return; }
            frame.SetMessageRegister(4, staged[row + 4]);
            if (words == 4) { return; }
            frame.SetMessageRegister(5, staged[row + 5]);
            if (words == 5) { return; }
            frame.SetMessageRegister(6, staged[row + 6]);
            if (words == 6) { return; }
            frame.SetMessageRegister(7, staged[row + 7]);
            if (words == 7) { return; }
            frame.SetMessageRegister(8, staged[row + 8]);
        }
    }
}
