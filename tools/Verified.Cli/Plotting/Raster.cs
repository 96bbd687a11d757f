using System;

namespace Verified.Cli.Plotting;

/// <summary>An 8-bit RGB colour.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb White => new(255, 255, 255);

    public static Rgb Black => new(0, 0, 0);
}

/// <summary>
/// An RGB canvas with the few primitives a line chart needs: filled rectangles, thick lines and bitmap text. Drawing
/// outside the canvas is clipped rather than rejected, so callers can place shapes without bounds arithmetic.
/// </summary>
internal sealed class Raster
{
    private readonly byte[] _pixels;

    public Raster(int width, int height, Rgb background)
    {
        Width = width;
        Height = height;
        _pixels = new byte[checked(width * height * 3)];
        FillRect(0, 0, width, height, background);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Rows top to bottom, three bytes per pixel: the layout <see cref="PngImage.Encode"/> takes.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    public byte[] ToPng() => PngImage.Encode(Width, Height, _pixels);

    public Rgb this[int x, int y]
    {
        get
        {
            int i = (y * Width + x) * 3;
            return new Rgb(_pixels[i], _pixels[i + 1], _pixels[i + 2]);
        }
    }

    public void Set(int x, int y, Rgb color)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height)
        {
            return;
        }
        int i = (y * Width + x) * 3;
        _pixels[i] = color.R;
        _pixels[i + 1] = color.G;
        _pixels[i + 2] = color.B;
    }

    public void FillRect(int x, int y, int width, int height, Rgb color)
    {
        for (int row = Math.Max(y, 0); row < Math.Min(y + height, Height); row++)
        {
            for (int column = Math.Max(x, 0); column < Math.Min(x + width, Width); column++)
            {
                Set(column, row, color);
            }
        }
    }

    /// <summary>A line <paramref name="thickness"/> pixels wide (Bresenham, stamping a square brush per step).</summary>
    public void Line(int x0, int y0, int x1, int y1, Rgb color, int thickness = 1)
    {
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
        int dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        int offset = (thickness - 1) / 2;
        while (true)
        {
            FillRect(x0 - offset, y0 - offset, thickness, thickness, color);
            if (x0 == x1 && y0 == y1)
            {
                return;
            }
            int twice = 2 * error;
            if (twice >= dy)
            {
                error += dy;
                x0 += sx;
            }
            if (twice <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>Draws <paramref name="text"/> with its top-left corner at (x, y), each font pixel as a
    /// <paramref name="scale"/>-pixel square.</summary>
    public void Text(int x, int y, string text, Rgb color, int scale = 1)
    {
        for (int k = 0; k < text.Length; k++)
        {
            int left = x + k * PixelFont.Advance * scale;
            for (int row = 0; row < PixelFont.Height; row++)
            {
                for (int column = 0; column < PixelFont.Width; column++)
                {
                    if (PixelFont.Ink(text[k], column, row))
                    {
                        FillRect(left + column * scale, y + (row + PixelFont.Drop(text[k])) * scale, scale, scale, color);
                    }
                }
            }
        }
    }

    public static int TextWidth(string text, int scale = 1) => PixelFont.Measure(text) * scale;

    public static int TextHeight(int scale = 1) => PixelFont.Height * scale;
}
