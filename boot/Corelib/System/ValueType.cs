// System.ValueType: base of every struct.
namespace System
{
    public abstract class ValueType
    {
    }
}
