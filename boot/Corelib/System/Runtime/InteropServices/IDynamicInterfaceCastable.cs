// IDynamicInterfaceCastable: ILC checks every type against it while building interface maps. No
// kernel type implements it.
using Internal.Runtime;

namespace System.Runtime.InteropServices
{
    // CONTRACT with runtime: ILC requires the interface, and this static method on it, to exist in
    // the system module.
    public unsafe interface IDynamicInterfaceCastable
    {
        internal static IntPtr GetDynamicInterfaceImplementation(object instance, MethodTable* interfaceType, ushort slot)
        {
            RuntimeFailure.Fail("IDynamicInterfaceCastable is not supported");
            return IntPtr.Zero;
        }
    }
}
