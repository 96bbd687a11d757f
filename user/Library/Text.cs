// Number formatting the freestanding corelib lacks: hexadecimal words for result words and slots in messages.
namespace Verified.User.Library
{
    public static class Text
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary>"0x" and the hexadecimal digits of <paramref name="value"/> without leading zeros.</summary>
        public static string Hex(ulong value)
        {
            char[] digits = new char[16];
            int count = 0;
            do
            {
                digits[15 - count] = Digits[(int)(value & 0xF)];
                value >>= 4;
                count++;
            }
            while (value != 0);
            return string.Concat("0x", FromChars(digits, 16 - count, count));
        }

        private static unsafe string FromChars(char[] chars, int start, int count)
        {
            fixed (char* first = &chars[0])
            {
                return new string(first, start, count);
            }
        }
    }
}
