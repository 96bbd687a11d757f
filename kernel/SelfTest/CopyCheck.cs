// The HAL's copies (boot/X64/Cpu.S, REP MOVS): CopyBytes as memmove, for every length up to 40 bytes, every
// alignment of both ends within a word and both directions of overlap; CopyWords forwards and with the destination
// below an overlapping source. Each result is compared with a byte loop through a scratch copy, and the bytes around
// the destination must stay as they were.
using Verified.Hal.X64;

namespace Verified.Kernel.SelfTest
{
    internal sealed unsafe class CopyCheck : SelfCheck
    {
        private const int Size = 256;

        public override string Name => "HAL copies: bytes as memmove, words upwards, every length and alignment";

        public override string? Run()
        {
            byte* buffer = stackalloc byte[Size];
            byte* want = stackalloc byte[Size];
            byte* scratch = stackalloc byte[Size];
            for (int length = 0; length <= 40; length++)
            {
                for (int from = 0; from < 24; from++)
                {
                    for (int to = 0; to < 24; to++)
                    {
                        // 32 + offsets: both ends move through every alignment; |from - to| < length overlaps.
                        Fill(buffer, length * 131 + from * 7 + to);
                        Expect(buffer, want, scratch, 32 + from, 32 + to, length);
                        Cpu.CopyBytes(buffer + 32 + to, buffer + 32 + from, (ulong)length);
                        if (Differs(buffer, want) is { } at)
                        {
                            return Failure("bytes", length, from, to, at);
                        }
                    }
                }
            }
            for (int words = 0; words <= 8; words++)
            {
                for (int from = 0; from <= 4; from++)
                {
                    // Apart, and the destination up to four words below an overlapping source.
                    int[] targets = { 0, from, 12 };
                    foreach (int to in targets)
                    {
                        if (to > from && to < from + words)
                        {
                            continue;
                        }
                        Fill(buffer, words * 17 + from * 3 + to);
                        Expect(buffer, want, scratch, 32 + 8 * from, 32 + 8 * to, 8 * words);
                        Cpu.CopyWords((ulong*)(buffer + 32 + 8 * to), (ulong*)(buffer + 32 + 8 * from), (ulong)words);
                        if (Differs(buffer, want) is { } at)
                        {
                            return Failure("words", words, from, to, at);
                        }
                    }
                }
            }
            return null;
        }

        private static void Fill(byte* buffer, int seed)
        {
            uint x = (uint)seed * 2654435761u + 1;
            for (int i = 0; i < Size; i++)
            {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                buffer[i] = (byte)x;
            }
        }

        // What a memmove of `length` bytes from `from` to `to` leaves in the whole buffer.
        private static void Expect(byte* buffer, byte* want, byte* scratch, int from, int to, int length)
        {
            for (int i = 0; i < Size; i++)
            {
                want[i] = buffer[i];
            }
            for (int i = 0; i < length; i++)
            {
                scratch[i] = buffer[from + i];
            }
            for (int i = 0; i < length; i++)
            {
                want[to + i] = scratch[i];
            }
        }

        private static int? Differs(byte* buffer, byte* want)
        {
            for (int i = 0; i < Size; i++)
            {
                if (buffer[i] != want[i])
                {
                    return i;
                }
            }
            return null;
        }

        private static string Failure(string kind, int length, int from, int to, int at) =>
            string.Concat(kind, ": ", length.ToString(), " from +", from.ToString(), " to +", to.ToString(),
                ": byte ", at.ToString(), " differs");
    }
}
