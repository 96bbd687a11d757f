// Hosted implementation of the HAL bit-scan contract (spec/HalBits.dfy): the runtime's Log2, which is the index of
// the highest set bit of a non-zero word. tests/Verified.Core.Tests checks it against a plain scan.
namespace HalBits
{
    public partial class __default
    {
        public static uint HalHighestBit(uint w) => (uint)System.Numerics.BitOperations.Log2(w);
    }
}
