// Deliberate faults, compiled in only by the fault-injection build flags, to prove that a broken
// kernel stops with a report and a failure status instead of hanging or triple-faulting.
using System.Runtime.CompilerServices;
using Verified.Hal.X64;

namespace Verified.Kernel
{
    internal static class FaultInjection
    {
        public static void Run()
        {
#if FAULT_NULL
            Serial.WriteLine("fault injection: dereferencing null");
            Serial.WriteDecimal((ulong)NullTarget()!.Value);
#endif
#if FAULT_OVERRUN
            Serial.WriteLine("fault injection: indexing past the end of an array");
            int[] values = new int[4];
            Serial.WriteDecimal((ulong)values[Opaque(4)]);
#endif
#if FAULT_OVERFLOW
            Serial.WriteLine("fault injection: checked arithmetic overflow");
            Serial.WriteDecimal((ulong)checked(Opaque(int.MaxValue) + 1));
#endif
#if FAULT_CAST
            Serial.WriteLine("fault injection: invalid cast");
            Serial.WriteLine(((string)OpaqueObject()).Length.ToString());
#endif
#if FAULT_STACK
            Serial.WriteLine("fault injection: unbounded recursion");
            Serial.WriteDecimal((ulong)Recurse(0));
#endif
        }

        // Not inlined, so the compiler cannot prove the faults away at compile time.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Target? NullTarget() => null;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Opaque(int value) => value;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static object OpaqueObject() => new Target();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Recurse(int depth) => Recurse(depth + 1) + 1;

        private sealed class Target
        {
            public int Value = 1;
        }
    }
}
