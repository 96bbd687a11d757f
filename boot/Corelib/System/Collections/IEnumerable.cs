// Non-generic enumeration interfaces: the C# compiler requires them for `foreach`, even over
// arrays, which it lowers to an indexed loop without calling them.
namespace System.Collections
{
    public interface IEnumerable
    {
        IEnumerator GetEnumerator();
    }

    public interface IEnumerator
    {
        object? Current { get; }

        bool MoveNext();
    }
}
