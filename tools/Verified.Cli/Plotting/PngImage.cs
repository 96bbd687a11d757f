using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Verified.Cli.Plotting;

/// <summary>
/// PNG encoder for 8-bit RGB images (colour type 2, no interlace): enough for the bench plot without an image package.
/// The output depends only on the pixels (no time or text chunks), so the same chart is the same file.
/// </summary>
internal static class PngImage
{
    /// <summary>The eight bytes every PNG file starts with (PNG spec, section 5.2).</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes <paramref name="rgb"/>: <paramref name="height"/> rows of <paramref name="width"/> pixels,
    /// three bytes (red, green, blue) each, top row first.</summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb)
    {
        if (width <= 0 || height <= 0 || rgb.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"expected {width}x{height} RGB pixels, got {rgb.Length} bytes");
        }
        using var file = new MemoryStream();
        file.Write(Signature);
        WriteChunk(file, "IHDR", Header(width, height));
        WriteChunk(file, "IDAT", Deflate(width, height, rgb));
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    private static byte[] Header(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type: RGB triples
        // compression 0 (deflate), filter method 0, interlace 0: all left zero
        return header;
    }

    /// <summary>The zlib stream of the scanlines, each prefixed by filter type 0 (None): a chart is mostly flat
    /// colour, which deflate compresses well without the row filters.</summary>
    private static byte[] Deflate(int width, int height, ReadOnlySpan<byte> rgb)
    {
        int stride = width * 3;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgb.Slice(y * stride, stride));
            }
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        file.Write(word);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);
        // The CRC covers the type and the data, not the length (PNG spec, section 5.3).
        uint crc = Crc32.Append(Crc32.Append(Crc32.Start, typeBytes), data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Finish(crc));
        file.Write(word);
    }
}
