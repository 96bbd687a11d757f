// [In]: the C# compiler marks `in` parameters and `ref readonly` returns with it.
namespace System.Runtime.InteropServices
{
    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class InAttribute : Attribute
    {
    }
}
