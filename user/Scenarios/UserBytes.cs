// Bytes in the task's user memory (the scratch area of Layout) through the machine primitive: a recognisable pattern
// to write and to check, and a sentinel for "nothing was written here". Every access is the calling thread's own,
// so one that meets an unmapped page is a page fault for its pager.
using Verified.User.Library;

namespace Verified.User.Scenarios
{
    public static class UserBytes
    {
        /// <summary>Marks bytes that must stay untouched (no pattern byte is 0xEE: they are below 251).</summary>
        public const byte Sentinel = 0xEE;

        /// <summary>Byte <paramref name="index"/> of pattern <paramref name="seed"/>: (seed + 7 * index) mod 251.</summary>
        public static byte Pattern(ulong index, ulong seed) => (byte)((seed + 7 * index) % 251);

        /// <summary>Writes pattern bytes <paramref name="first"/> .. first + length - 1 at <paramref name="address"/>.</summary>
        public static void Fill(ulong address, ulong length, ulong seed, ulong first)
        {
            for (ulong i = 0; i < length; i++)
            {
                Machine.WriteByte(address + i, Pattern(first + i, seed));
            }
        }

        public static void Set(ulong address, ulong length, byte value)
        {
            for (ulong i = 0; i < length; i++)
            {
                Machine.WriteByte(address + i, value);
            }
        }

        /// <summary>The bytes at <paramref name="address"/> are pattern bytes first .. first + length - 1.</summary>
        public static bool HasPattern(Check check, ulong address, ulong length, ulong seed, ulong first, string what)
        {
            ulong i = FirstMismatch(address, length, seed, first);
            // The message is built only on failure: X64's heap frees nothing.
            return i == length || check.Equal(Pattern(first + i, seed), Machine.ReadByte(address + i),
                string.Concat(what, ": byte ", i.ToString()));
        }

        /// <summary>HasPattern's test for a thread with no check to report to.</summary>
        public static bool Matches(ulong address, ulong length, ulong seed, ulong first) =>
            FirstMismatch(address, length, seed, first) == length;

        // The index of the first byte that is not its pattern byte, or length.
        private static ulong FirstMismatch(ulong address, ulong length, ulong seed, ulong first)
        {
            ulong i = 0;
            while (i < length && Machine.ReadByte(address + i) == Pattern(first + i, seed))
            {
                i++;
            }
            return i;
        }

        /// <summary>Every byte at <paramref name="address"/> is <paramref name="value"/>.</summary>
        public static bool AllAre(Check check, ulong address, ulong length, byte value, string what)
        {
            for (ulong i = 0; i < length; i++)
            {
                byte got = Machine.ReadByte(address + i);
                if (got != value)
                {
                    return check.Equal(value, got, string.Concat(what, ": byte ", i.ToString()));
                }
            }
            return true;
        }

        /// <summary>Removes the task's own mappings of 2^<paramref name="order"/> scratch pages from
        /// <paramref name="page"/> (and what was derived from them), so that the next touch faults: Unmap with the
        /// own flag and all rights. Pages that are not mapped are skipped.</summary>
        public static bool Unmap(Check check, uint page, int order) =>
            check.Equal(ResultWord.Ok, Memory.Unmap(Memory.Flexpage(Layout.Scratch(page), order, Memory.RightsAll), true),
                string.Concat("unmap scratch page ", page.ToString()));
    }
}
