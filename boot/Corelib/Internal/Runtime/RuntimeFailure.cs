// Failures the corelib and runtime detect: each ends in a kernel panic with a message.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Internal.Runtime
{
    // The corelib does not know which machine it runs on; the machine exports "VerifiedPanic"
    // (hal/X64/Panic.cs): print the message on the console, stop with a failure status.
    public static class RuntimeFailure
    {
        public static void IndexOutOfRange() => Fail("index out of range");

        public static void Overflow() => Fail("arithmetic overflow");

        public static void InvalidCast() => Fail("invalid cast");

        public static void Fail(string message) => Panic(message);

        [RuntimeImport("*", "VerifiedPanic")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void Panic(string message);
    }
}
