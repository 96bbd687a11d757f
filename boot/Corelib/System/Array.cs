// System.Array: base of every array type.
namespace System
{
    // CONTRACT with runtime: an array is MethodTable*, a 32-bit length, 32 bits of padding (64-bit
    // targets), then the elements at offset 16. ILC generates every access from this layout.
    public abstract class Array
    {
#pragma warning disable CS0649, CS0169 // Written by the allocator (RhpNewArray).
        private readonly int _numComponents;
        private readonly int _padding;
#pragma warning restore CS0649, CS0169

        public int Length => _numComponents;
    }
}
