// Throw, rethrow and fail-fast: the kernel has no unwinder, so each ends in a panic.
using System;
using System.Runtime;
using Internal.Runtime;

namespace Verified.Boot.Runtime
{
    internal static unsafe class Exceptions
    {
        [RuntimeExport("RhpThrowEx")]
        private static void Throw(object? exception)
        {
            string message = exception is Exception e ? e.Message : "(not an Exception)";
            RuntimeFailure.Fail(string.Concat("unhandled exception: ", message));
        }

        [RuntimeExport("RhpRethrow")]
        private static void Rethrow() => RuntimeFailure.Fail("unhandled exception (rethrow)");

        // ILC calls this when a stack cookie (__security_cookie) was overwritten.
        [RuntimeExport("RhpFallbackFailFast")]
        private static void FailFast() => RuntimeFailure.Fail("fail fast: stack buffer overrun");
    }
}
