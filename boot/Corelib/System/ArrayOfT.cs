// System.Array<T>: ILC's template for the members every T[] shares. Empty: the kernel's arrays
// implement no generic collection interfaces.
namespace System
{
    // CONTRACT with runtime: ILC requires the type to exist in the system module.
    public class Array<T> : Array
    {
    }
}
