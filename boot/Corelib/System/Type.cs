// System.Type and RuntimeType: ILC requires both to exist (it refers to them when compiling any
// method that may load a type handle). The kernel has no reflection; they carry nothing.
namespace System
{
    // CONTRACT with runtime: ILC requires these types in the system module.
    public abstract class Type
    {
    }

    internal sealed class RuntimeType : Type
    {
    }
}
