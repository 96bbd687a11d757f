// System.Delegate and MulticastDelegate: the C# compiler needs the types to exist (it consults
// delegate operators even for pointer comparisons). The kernel creates no delegates; it uses
// function pointers (delegate*) instead.
namespace System
{
    // CONTRACT with runtime: ILC knows these four fields by name should a delegate ever be built.
    public abstract class Delegate
    {
#pragma warning disable CS0169, CS0649
        private object? m_firstParameter;
        private object? m_helperObject;
        private IntPtr m_extraFunctionPointerOrData;
        private IntPtr m_functionPointer;
#pragma warning restore CS0169, CS0649
    }

    public abstract class MulticastDelegate : Delegate
    {
    }
}
