// System.IntPtr and System.UIntPtr (nint, nuint): pointer-sized integers.
namespace System
{
#pragma warning disable CS0169
    public readonly unsafe struct IntPtr
    {
        private readonly void* _value;

        public static readonly IntPtr Zero;

        public override string ToString() => Number.Format((long)(nint)this);
    }

    public readonly unsafe struct UIntPtr
    {
        private readonly void* _value;

        public override string ToString() => Number.Format((ulong)(nuint)this);
    }
#pragma warning restore CS0169
}
