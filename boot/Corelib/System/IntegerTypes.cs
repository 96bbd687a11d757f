// The fixed-size integer primitives. Formatting goes through Number (decimal, no culture).
namespace System
{
#pragma warning disable CS0169 // Each primitive's single value field; C# never names it.
    public readonly struct SByte
    {
        private readonly sbyte _value;

        public override string ToString() => Number.Format(this);
    }

    public readonly struct Byte
    {
        private readonly byte _value;

        public override string ToString() => Number.Format((ulong)this);
    }

    public readonly struct Int16
    {
        private readonly short _value;

        public override string ToString() => Number.Format(this);
    }

    public readonly struct UInt16
    {
        private readonly ushort _value;

        public override string ToString() => Number.Format((ulong)this);
    }

    public readonly struct Int32
    {
        public const int MaxValue = 0x7FFFFFFF;
        public const int MinValue = unchecked((int)0x80000000);

        private readonly int _value;

        public override string ToString() => Number.Format(this);
    }

    public readonly struct UInt32
    {
        public const uint MaxValue = 0xFFFFFFFF;

        private readonly uint _value;

        public override string ToString() => Number.Format((ulong)this);
    }

    public readonly struct Int64
    {
        public const long MaxValue = 0x7FFFFFFFFFFFFFFF;
        public const long MinValue = unchecked((long)0x8000000000000000);

        private readonly long _value;

        public override string ToString() => Number.Format(this);
    }

    public readonly struct UInt64
    {
        public const ulong MaxValue = 0xFFFFFFFFFFFFFFFF;

        private readonly ulong _value;

        public override string ToString() => Number.Format(this);
    }
#pragma warning restore CS0169
}
