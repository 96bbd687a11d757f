// GC transition hooks: ILC brackets calls into and out of native code with these. There is no GC
// and no thread suspension in the kernel, so they do nothing.
using System.Runtime;

namespace Verified.Boot.Runtime
{
    internal static unsafe class Transitions
    {
        [RuntimeExport("RhpPInvoke")]
        private static void PInvoke(void* frame)
        {
        }

        [RuntimeExport("RhpPInvokeReturn")]
        private static void PInvokeReturn(void* frame)
        {
        }

        [RuntimeExport("RhpReversePInvoke")]
        private static void ReversePInvoke(void* frame)
        {
        }

        [RuntimeExport("RhpReversePInvokeReturn")]
        private static void ReversePInvokeReturn(void* frame)
        {
        }

        [RuntimeExport("RhpGcPoll")]
        private static void GcPoll()
        {
        }
    }
}
