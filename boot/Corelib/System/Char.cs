// System.Char: a UTF-16 code unit.
namespace System
{
    public readonly struct Char
    {
#pragma warning disable CS0169
        private readonly char _value;
#pragma warning restore CS0169

        public override string ToString() => new string(this, 1);
    }
}
