// System.Nullable<T>: known to both compilers; kept minimal.
namespace System
{
    // CONTRACT with runtime: hasValue comes first, then value.
    public struct Nullable<T> where T : struct
    {
        private readonly bool _hasValue;
        private T _value;

        public Nullable(T value)
        {
            _hasValue = true;
            _value = value;
        }

        public readonly bool HasValue => _hasValue;

        public readonly T GetValueOrDefault() => _value;
    }
}
