// The per-class record ILC emits for a lazily run static constructor.
namespace System.Runtime.CompilerServices
{
    // CONTRACT with runtime: a single pointer, the cctor's code address; zero once it has run.
    public struct StaticClassConstructionContext
    {
        public IntPtr cctorMethodAddress;
    }
}
