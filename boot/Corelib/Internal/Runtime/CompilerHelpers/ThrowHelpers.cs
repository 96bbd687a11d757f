// The throw helpers ILC-generated code calls on a failed check. No exceptions here: each panics.
namespace Internal.Runtime.CompilerHelpers
{
    // CONTRACT with runtime: ILC looks these up by name in this namespace (JitHelper.GetEntryPoint).
    internal static class ThrowHelpers
    {
        private static void ThrowOverflowException() => RuntimeFailure.Fail("OverflowException: arithmetic overflow");

        private static void ThrowIndexOutOfRangeException() => RuntimeFailure.Fail("IndexOutOfRangeException: array index out of range");

        private static void ThrowNullReferenceException() => RuntimeFailure.Fail("NullReferenceException: null reference");

        private static void ThrowDivideByZeroException() => RuntimeFailure.Fail("DivideByZeroException: division by zero");

        private static void ThrowArgumentOutOfRangeException() => RuntimeFailure.Fail("ArgumentOutOfRangeException");

        private static void ThrowArgumentException() => RuntimeFailure.Fail("ArgumentException");

        private static void ThrowPlatformNotSupportedException() => RuntimeFailure.Fail("PlatformNotSupportedException");

        private static void ThrowNotImplementedException() => RuntimeFailure.Fail("NotImplementedException");

        private static void ThrowInvalidCastException() => RuntimeFailure.Fail("InvalidCastException: invalid cast");

        private static void ThrowTypeLoadException() => RuntimeFailure.Fail("TypeLoadException");

        // ILC substitutes this for the bodies of methods it removed (e.g. unreachable overrides).
        private static void ThrowFeatureBodyRemoved() => RuntimeFailure.Fail("called a method body the compiler removed");
    }
}
