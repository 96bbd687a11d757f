// System.Void: the type of methods that return nothing.
namespace System
{
    public struct Void
    {
    }
}
