using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Verified.Cli.Boot;
using Verified.Cli.Plotting;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>The plot <c>verified bench</c> writes: a valid PNG (decoded here independently of the encoder), the same
/// bytes for the same rows, and pixels that follow the data.</summary>
public sealed class BenchPlotTests
{
    private static readonly BenchRow[] s_rows =
    [
        new("null syscall", 310),
        new("roundtrip same-AS 0 words", 900),
        new("roundtrip same-AS 8 words", 1000),
        new("roundtrip same-AS 63 words", 1500),
        new("roundtrip cross-AS 0 words", 1800),
        new("roundtrip cross-AS 8 words", 1900),
        new("roundtrip cross-AS 63 words", 2600),
        new("call half cross-AS 0 words", 950),
        new("reply half cross-AS 0 words", 850),
        new("call half cross-AS 63 words", 1300),
        new("reply half cross-AS 63 words", 1250),
        new("string item 4 KiB roundtrip cross-AS", 5200),
    ];

    [Fact]
    public void PngHasTheSignatureAHeaderValidChunkCrcsAndEveryScanline()
    {
        byte[] png = BenchPlot.Render(s_rows);
        DecodedPng decoded = DecodedPng.Read(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], decoded.ChunkTypes);
        Assert.Equal(BenchPlot.Width, decoded.Width);
        Assert.Equal(BenchPlot.Height, decoded.Height);
        Assert.Equal(BenchPlot.Draw(BenchSeries.From(s_rows)).Pixels.ToArray(), decoded.Pixels);
    }

    [Fact]
    public void ACorruptedChunkFailsTheDecoder()
    {
        byte[] png = BenchPlot.Render(s_rows);
        png[45] ^= 0x01; // inside IDAT's data (signature 8 bytes, IHDR 25, IDAT length and type 8)
        Assert.Throws<InvalidDataException>(() => DecodedPng.Read(png));
    }

    [Fact]
    public void TheSameRowsGiveByteIdenticalFiles()
    {
        string folder = Directory.CreateTempSubdirectory("bench-plot-").FullName;
        try
        {
            string first = Path.Combine(folder, "a", "bench.png");
            string second = Path.Combine(folder, "b.png");
            BenchPlot.Write(first, s_rows);
            BenchPlot.Write(second, s_rows.ToArray());
            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void EverySeriesIsDrawnInItsColourAndNoOtherSeriesColourAppears()
    {
        DecodedPng decoded = DecodedPng.Read(BenchPlot.Render(s_rows));
        // Left of the legend, whose swatches have the same colours, so this sees only the lines and markers.
        HashSet<Rgb> colours = decoded.Colours(right: BenchPlot.LegendLeft);
        for (int i = 0; i < 4; i++)
        {
            Assert.Contains(BenchPlot.ColorOf(i), colours);
        }
        Assert.DoesNotContain(BenchPlot.ColorOf(4), colours);
    }

    [Fact]
    public void DifferentMeasurementsGiveDifferentImages()
    {
        BenchRow[] changed = s_rows.Select(row =>
            row.Name == "roundtrip same-AS 8 words" ? row with { Instructions = 1200 } : row).ToArray();
        Assert.NotEqual(BenchPlot.Render(s_rows), BenchPlot.Render(changed));
    }

    [Fact]
    public void ASmallerCountIsDrawnLower()
    {
        int high = LowestRowOf(BenchPlot.ColorOf(0), [new("roundtrip cross-AS 0 words", 500), new("roundtrip cross-AS 8 words", 1000)]);
        int low = LowestRowOf(BenchPlot.ColorOf(0), [new("roundtrip cross-AS 0 words", 100), new("roundtrip cross-AS 8 words", 1000)]);
        Assert.True(low > high + 100, $"the 100-instruction point should be far below the 500 one: rows {low}, {high}");
    }

    [Fact]
    public void SeriesGroupSizedRowsInTableOrderAndSkipTheOthers()
    {
        IReadOnlyList<BenchSeries> series = BenchSeries.From(s_rows);
        Assert.Equal(["roundtrip same-AS", "roundtrip cross-AS", "call half cross-AS", "reply half cross-AS"],
            series.Select(s => s.Name));
        Assert.Equal([new BenchPoint(0, 1800), new BenchPoint(8, 1900), new BenchPoint(63, 2600)], series[1].Points);
        Assert.Equal([0, 63], series[3].Points.Select(p => p.Words));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(7, 8)]
    [InlineData(1000, 1000)]
    [InlineData(1234, 1500)]
    [InlineData(2600, 3000)]
    [InlineData(98765, 100000)]
    public void TheYAxisEndsAtARoundedMaximum(long max, long top) => Assert.Equal(top, BenchPlot.AxisTop(max));

    [Fact]
    public void NoSizedRowsStillGiveAValidImage()
    {
        DecodedPng decoded = DecodedPng.Read(BenchPlot.Render([new("null syscall", 300)]));
        Assert.DoesNotContain(BenchPlot.ColorOf(0), decoded.Colours());
    }

    [Fact]
    public void TheFontCoversEveryCharacterOfTheBenchRowNames()
    {
        string text = string.Concat(s_rows.Select(row => row.Name)) + "message size (words): 0123456789";
        Assert.All(text, c => Assert.True(PixelFont.Covers(c), $"no glyph for '{c}'"));
    }

    private static int LowestRowOf(Rgb colour, BenchRow[] rows)
    {
        DecodedPng decoded = DecodedPng.Read(BenchPlot.Render(rows));
        int lowest = -1;
        for (int y = 0; y < decoded.Height; y++)
        {
            // Left of the legend, whose swatch is drawn in the same colour.
            for (int x = 0; x < BenchPlot.LegendLeft; x++)
            {
                if (decoded.At(x, y) == colour)
                {
                    lowest = y;
                }
            }
        }
        Assert.True(lowest >= 0, "the series is not drawn at all");
        return lowest;
    }

    /// <summary>A PNG reader for exactly what the encoder should produce (8-bit RGB, filter 0), strict on everything
    /// else, with its own bitwise CRC so an error in the encoder's table cannot cancel out.</summary>
    private sealed record DecodedPng(int Width, int Height, byte[] Pixels, List<string> ChunkTypes)
    {
        public static DecodedPng Read(byte[] png)
        {
            byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
            Assert.Equal(signature, png.Take(8));
            var types = new List<string>();
            var idat = new MemoryStream();
            int width = 0, height = 0;
            for (int at = 8; at < png.Length;)
            {
                int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
                string type = Encoding.ASCII.GetString(png, at + 4, 4);
                ReadOnlySpan<byte> data = png.AsSpan(at + 8, length);
                uint stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
                if (stored != BitwiseCrc(png.AsSpan(at + 4, 4 + length)))
                {
                    throw new InvalidDataException($"bad CRC in chunk {type}");
                }
                types.Add(type);
                if (type == "IHDR")
                {
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal([8, 2, 0, 0, 0], data[8..].ToArray());
                }
                else if (type == "IDAT")
                {
                    idat.Write(data);
                }
                at += 12 + length;
            }
            Assert.Equal("IEND", types[^1]);
            return new DecodedPng(width, height, Unfilter(Inflate(idat.ToArray()), width, height), types);
        }

        public Rgb At(int x, int y)
        {
            int i = (y * Width + x) * 3;
            return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }

        /// <summary>The colours of the pixels left of column <paramref name="right"/> (all by default).</summary>
        public HashSet<Rgb> Colours(int? right = null)
        {
            var colours = new HashSet<Rgb>();
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < (right ?? Width); x++)
                {
                    colours.Add(At(x, y));
                }
            }
            return colours;
        }

        private static byte[] Inflate(byte[] zlib)
        {
            using var output = new MemoryStream();
            using (var inflater = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress))
            {
                inflater.CopyTo(output);
            }
            return output.ToArray();
        }

        private static byte[] Unfilter(byte[] scanlines, int width, int height)
        {
            int stride = 1 + 3 * width;
            Assert.Equal(height * stride, scanlines.Length);
            var rgb = new byte[height * width * 3];
            for (int y = 0; y < height; y++)
            {
                Assert.Equal(0, scanlines[y * stride]);
                Array.Copy(scanlines, y * stride + 1, rgb, y * width * 3, width * 3);
            }
            return rgb;
        }

        private static uint BitwiseCrc(ReadOnlySpan<byte> bytes)
        {
            uint crc = 0xFFFFFFFF;
            foreach (byte b in bytes)
            {
                crc ^= b;
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc >> 1) ^ (0xEDB88320 & (0u - (crc & 1)));
                }
            }
            return ~crc;
        }
    }
}
