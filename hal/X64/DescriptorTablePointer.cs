// The 10-byte operand of lgdt/lidt: table limit and linear base address.
using System.Runtime.InteropServices;

namespace Verified.Hal.X64
{
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    public struct DescriptorTablePointer
    {
        public ushort Limit;
        public ulong Base;
    }
}
