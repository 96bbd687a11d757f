// What a scenario asserts: each check returns whether it held, and the first one that did not is the scenario's
// failure (no exceptions: the freestanding runtime has none), so a scenario can stop or go on cleaning up.
using Verified.User.Library;

namespace Verified.User.Scenarios
{
    public sealed class Check
    {
        /// <summary>The first failed check ("what, expected X, got Y"); null while all held.</summary>
        public string? Failure { get; private set; }

        public bool Passed => Failure is null;

        public bool Equal(ulong expected, ulong actual, string what)
        {
            if (expected == actual)
            {
                return true;
            }
            Fail(string.Concat(what, ", expected ", Text.Hex(expected), string.Concat(", got ", Text.Hex(actual))));
            return false;
        }

        /// <summary>For races: <paramref name="actual"/> must be one of the two valid outcomes.</summary>
        public bool OneOf(ulong first, ulong second, ulong actual, string what)
        {
            if (actual == first || actual == second)
            {
                return true;
            }
            Fail(string.Concat(what, ", expected ", Text.Hex(first), string.Concat(" or ", Text.Hex(second), ", got ", Text.Hex(actual))));
            return false;
        }

        public bool True(bool condition, string what)
        {
            if (!condition)
            {
                Fail(what);
            }
            return condition;
        }

        /// <summary>Every word of <paramref name="actual"/> equals <paramref name="expected"/>'s, and the lengths agree.</summary>
        public bool Words(ulong[] expected, ulong[] actual, string what)
        {
            if (!Equal((ulong)expected.Length, (ulong)actual.Length, string.Concat(what, ": length")))
            {
                return false;
            }
            for (int i = 0; i < expected.Length; i++)
            {
                if (!Equal(expected[i], actual[i], string.Concat(what, ": word ", i.ToString())))
                {
                    return false;
                }
            }
            return true;
        }

        public void Fail(string message)
        {
            if (Failure is null)
            {
                Failure = message;
            }
        }
    }
}
