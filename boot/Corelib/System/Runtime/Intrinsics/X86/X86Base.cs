// The one x86 base instruction the kernel asks the code generator for by name: BSR (the HAL's bit scan,
// spec/HalBits.dfy). ILC emits the instruction for this [Intrinsic] method in place of a call; the C# body only runs
// if it did not, and then stops the kernel.
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System.Runtime.Intrinsics.X86
{
    [Intrinsic]
    public abstract class X86Base
    {
        internal X86Base()
        {
        }

        public static bool IsSupported => true;

        /// <summary>BSR r32: the index of the highest set bit of <paramref name="value"/> (undefined for 0).</summary>
        [Intrinsic]
        public static uint BitScanReverse(uint value)
        {
            RuntimeFailure.Fail("X86Base.BitScanReverse was not compiled as an intrinsic");
            return 0;
        }
    }
}
