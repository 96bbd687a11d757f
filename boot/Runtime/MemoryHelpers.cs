// The C memset ILC-generated code may call (e.g. to zero large stackalloc blocks).
using System.Runtime;

namespace Verified.Boot.Runtime
{
    internal static unsafe class MemoryHelpers
    {
        [RuntimeExport("memset")]
        private static byte* CMemset(byte* destination, int value, nuint length)
        {
            for (nuint i = 0; i < length; i++)
            {
                destination[i] = (byte)value;
            }

            return destination;
        }
    }
}
