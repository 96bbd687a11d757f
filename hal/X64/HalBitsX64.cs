// Freestanding implementation of the HAL bit-scan contract (spec/HalBits.dfy): the CPU's BSR (boot/X64/Cpu.S).
// kernel/SelfTest/Core/HighestBitChecks.cs checks it against a plain scan at boot.
using Verified.Hal.X64;

namespace HalBits
{
    public partial class __default
    {
        public static uint HalHighestBit(uint w) => Cpu.HighestBit(w);
    }
}
