using System;

namespace Verified.Cli.Plotting;

/// <summary>
/// CRC-32 of ISO 3309 / ITU-T V.42 (reflected polynomial 0xEDB88320), the checksum of every PNG chunk. Written here
/// because System.IO.Hashing is a separate package the command line does not otherwise need.
/// </summary>
internal static class Crc32
{
    public const uint Start = 0xFFFFFFFFu;

    private static readonly uint[] s_table = BuildTable();

    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            crc = s_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    public static uint Finish(uint crc) => crc ^ 0xFFFFFFFFu;

    public static uint Compute(ReadOnlySpan<byte> bytes) => Finish(Append(Start, bytes));

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
