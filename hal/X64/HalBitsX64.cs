// Freestanding implementation of the HAL bit-scan contract (spec/HalBits.dfy): the CPU's BSR, which the code generator
// emits in place (X86Base.BitScanReverse, boot/Corelib). kernel/SelfTest/HighestBitCheck.cs checks it against a plain
// scan at boot.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace HalBits
{
    public partial class __default
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint HalHighestBit(uint w) => X86Base.BitScanReverse(w);
    }
}
