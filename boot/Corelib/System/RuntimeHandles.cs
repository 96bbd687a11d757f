// Type, method and field handles: well-known types ILC expects in the system module.
namespace System
{
#pragma warning disable CS0169
    public struct RuntimeTypeHandle
    {
        private IntPtr _value;
    }

    public struct RuntimeMethodHandle
    {
        private IntPtr _value;
    }

    public struct RuntimeFieldHandle
    {
        private IntPtr _value;
    }
#pragma warning restore CS0169
}
