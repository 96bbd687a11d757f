// Strings: concatenation, equality, and decimal formatting of integers at their extremes.
namespace Verified.Kernel.SelfTest
{
    internal sealed class FormattingCheck : SelfCheck
    {
        public override string Name => "string building and integer formatting";

        public override string? Run()
        {
            string?[] got = new string?[]
            {
                0.ToString(),
                (-7).ToString(),
                int.MaxValue.ToString(),
                int.MinValue.ToString(),
                ulong.MaxValue.ToString(),
                long.MinValue.ToString(),
                string.Concat("a", "b", "c", "d"),
                new string('x', 3),
            };

            string[] want = new string[]
            {
                "0", "-7", "2147483647", "-2147483648", "18446744073709551615", "-9223372036854775808", "abcd", "xxx",
            };

            for (int i = 0; i < want.Length; i++)
            {
                if (got[i] != want[i])
                {
                    return string.Concat("expected ", want[i], ", got ", got[i]);
                }
            }

            return null;
        }
    }
}
