// RuntimeFeature: the C# compiler checks these names before emitting the matching constructs.
namespace System.Runtime.CompilerServices
{
    public static class RuntimeFeature
    {
        // Default interface methods: the runtime's dispatch resolver handles them
        // (boot/Runtime/InterfaceDispatch.cs, second pass over the dispatch map).
        public const string DefaultImplementationsOfInterfaces = nameof(DefaultImplementationsOfInterfaces);

        // IntPtr/UIntPtr are nint/nuint, with the built-in operators.
        public const string NumericIntPtr = nameof(NumericIntPtr);
    }
}
