// System.Object: the root of every reference type.
using Internal.Runtime;

namespace System
{
    // CONTRACT with runtime: an object is a MethodTable* followed by its fields; the object header
    // (8 bytes) lies before that pointer. ILC lays out every reference type this way.
    // CONTRACT with runtime: the first virtual method must be the finalizer (vtable slot 0).
    public unsafe class Object
    {
#pragma warning disable CS0649 // Set by the allocator (boot/Runtime/Allocation.cs), never by C#.
        internal MethodTable* m_pEEType;
#pragma warning restore CS0649

        public Object()
        {
        }

        ~Object()
        {
        }

        public virtual bool Equals(object? obj) => ReferenceEquals(this, obj);

        public virtual int GetHashCode() => 0;

        public virtual string? ToString() => "System.Object";

        public static bool ReferenceEquals(object? a, object? b) => a == b;
    }
}
