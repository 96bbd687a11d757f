// System.Boolean.
namespace System
{
    // CONTRACT with runtime: primitive types hold exactly one field of their own type's size.
    public readonly struct Boolean
    {
#pragma warning disable CS0169 // The value itself; C# never names it.
        private readonly bool _value;
#pragma warning restore CS0169

        public override string ToString() => this ? "true" : "false";
    }
}
