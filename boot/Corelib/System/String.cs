// System.String: immutable UTF-16 text; concatenation and comparison, no culture, no formatting.
using System.Runtime;
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System
{
    // CONTRACT with runtime: a string is an array-like object: MethodTable*, _stringLength (int32),
    // then _stringLength UTF-16 code units starting at _firstChar, plus a terminating zero that ILC
    // emits for literals and the allocator provides (zeroed memory, BaseSize covers it). ILC finds
    // both fields by name. Constructors are `extern`: ILC redirects `new string(...)` to the static
    // method Ctor with the same parameters.
    public sealed unsafe class String
    {
#pragma warning disable CS0649 // Written by the allocator and by ILC for literals.
        private readonly int _stringLength;
        private char _firstChar;
#pragma warning restore CS0649

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern String(char c, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern String(char* value, int startIndex, int length);

        public int Length => _stringLength;

        [IndexerName("Chars")]
        public char this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_stringLength)
                {
                    RuntimeFailure.IndexOutOfRange();
                }

                fixed (char* first = &_firstChar)
                {
                    return first[index];
                }
            }
        }

        public static bool operator ==(string? a, string? b) => Equals(a, b);

        public static bool operator !=(string? a, string? b) => !Equals(a, b);

        public static bool Equals(string? a, string? b)
        {
            if ((object?)a == (object?)b)
            {
                return true;
            }

            if (a is null || b is null || a._stringLength != b._stringLength)
            {
                return false;
            }

            for (int i = 0; i < a._stringLength; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is string other && Equals(this, other);

        public override int GetHashCode()
        {
            // FNV-1a over the code units: deterministic, no seed (the kernel has no randomness yet).
            uint hash = 2166136261;
            for (int i = 0; i < _stringLength; i++)
            {
                hash = (hash ^ this[i]) * 16777619;
            }

            return (int)hash;
        }

        public override string ToString() => this;

        public ref readonly char GetPinnableReference() => ref _firstChar;

        public static string Concat(string? a, string? b) => Concat(a, b, null, null);

        public static string Concat(string? a, string? b, string? c) => Concat(a, b, c, null);

        public static string Concat(string? a, string? b, string? c, string? d)
        {
            string result = Allocate(LengthOf(a) + LengthOf(b) + LengthOf(c) + LengthOf(d));
            int at = 0;
            at = CopyInto(result, at, a);
            at = CopyInto(result, at, b);
            at = CopyInto(result, at, c);
            CopyInto(result, at, d);
            return result;
        }

        public static string Concat(params string?[] parts)
        {
            int length = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                length += LengthOf(parts[i]);
            }

            string result = Allocate(length);
            int at = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                at = CopyInto(result, at, parts[i]);
            }

            return result;
        }

        private static string Ctor(char c, int count)
        {
            string result = Allocate(count);
            fixed (char* dst = &result._firstChar)
            {
                for (int i = 0; i < count; i++)
                {
                    dst[i] = c;
                }
            }

            return result;
        }

        private static string Ctor(char* value, int startIndex, int length)
        {
            string result = Allocate(length);
            fixed (char* dst = &result._firstChar)
            {
                for (int i = 0; i < length; i++)
                {
                    dst[i] = value[startIndex + i];
                }
            }

            return result;
        }

        private static int LengthOf(string? s) => s is null ? 0 : s._stringLength;

        private static int CopyInto(string target, int at, string? source)
        {
            if (source is null)
            {
                return at;
            }

            fixed (char* dst = &target._firstChar)
            fixed (char* src = &source._firstChar)
            {
                for (int i = 0; i < source._stringLength; i++)
                {
                    dst[at + i] = src[i];
                }
            }

            return at + source._stringLength;
        }

        // Strings are allocated like arrays of char: the String MethodTable carries component size 2.
        // The literal "" is a frozen string in the image, so its MethodTable is the String type's.
        internal static string Allocate(int length)
        {
            if (length < 0)
            {
                RuntimeFailure.Overflow();
            }

            return NewString(((object)"").m_pEEType, length);
        }

        [RuntimeImport("*", "RhpNewArray")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern string NewString(MethodTable* stringType, int length);
    }
}
