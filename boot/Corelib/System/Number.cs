// Decimal formatting of integers (culture-free), the one conversion the kernel prints.
namespace System
{
    internal static unsafe class Number
    {
        public static string Format(long value)
        {
            if (value >= 0)
            {
                return Format((ulong)value);
            }

            // Negate in unsigned arithmetic so long.MinValue does not overflow.
            return Format(unchecked(0UL - (ulong)value), negative: true);
        }

        public static string Format(ulong value) => Format(value, negative: false);

        private static string Format(ulong value, bool negative)
        {
            char* digits = stackalloc char[20];
            int count = 0;
            do
            {
                digits[19 - count] = (char)('0' + (int)(value % 10));
                value /= 10;
                count++;
            }
            while (value != 0);

            int sign = negative ? 1 : 0;
            string result = new string('-', count + sign);
            fixed (char* dst = result)
            {
                for (int i = 0; i < count; i++)
                {
                    dst[sign + i] = digits[20 - count + i];
                }
            }

            return result;
        }
    }
}
