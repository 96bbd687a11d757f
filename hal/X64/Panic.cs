// Kernel panic: the one way the kernel stops on an error. Message on COM1, then QEMU exits with
// the failure status.
using System.Runtime;

namespace Verified.Hal.X64
{
    public static class Panic
    {
        // Non-GC static: usable before the runtime has allocated static bases.
        private static bool s_panicking;

        // Exported for the corelib and runtime (Internal.Runtime.RuntimeFailure), which do not
        // know the machine.
        [RuntimeExport("VerifiedPanic")]
        public static void Halt(string message)
        {
            if (s_panicking)
            {
                // A panic while printing a panic: do not recurse, just stop.
                DebugExit.Exit(DebugExit.Failure);
            }

            s_panicking = true;
            Serial.Write("PANIC: ");
            Serial.WriteLine(message);
            DebugExit.Exit(DebugExit.Failure);
        }
    }
}
