// [MethodImpl]: InternalCall marks the extern methods ILC implements (string constructors, imports).
namespace System.Runtime.CompilerServices
{
    [Flags]
    public enum MethodImplOptions
    {
        NoInlining = 0x0008,
        NoOptimization = 0x0040,
        AggressiveInlining = 0x0100,
        InternalCall = 0x1000,
    }

    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor)]
    public sealed class MethodImplAttribute : Attribute
    {
        public MethodImplAttribute(MethodImplOptions options)
        {
            Value = options;
        }

        public MethodImplOptions Value { get; }
    }
}
