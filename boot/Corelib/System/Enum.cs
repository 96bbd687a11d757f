// System.Enum: base of every enum; ILC stores enums as their underlying integer type.
namespace System
{
    public abstract class Enum : ValueType
    {
    }
}
