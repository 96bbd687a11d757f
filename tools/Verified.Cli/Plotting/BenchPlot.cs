using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Verified.Cli.Boot;

namespace Verified.Cli.Plotting;

/// <summary>
/// The PNG <c>verified bench</c> writes beside its table: guest instructions over message size, one line per series
/// of sized rows (<see cref="BenchSeries"/>). Pure function of the rows, so the same measurement is the same file.
/// </summary>
internal static class BenchPlot
{
    public const int Width = 980;
    public const int Height = 540;

    // The plot area; the legend sits in the column to its right so it never covers a line.
    private const int Left = 110;
    private const int Top = 70;
    private const int Right = 660;
    private const int Bottom = 460;

    /// <summary>Where the legend column starts: everything left of it is axes and data.</summary>
    public const int LegendLeft = 690;

    private const int TextScale = 2;
    private const int YTicks = 5;

    private static readonly Rgb s_axis = Rgb.Black;
    private static readonly Rgb s_grid = new(225, 225, 225);
    private static readonly Rgb s_label = new(40, 40, 40);

    /// <summary>Series colours in legend order (the Tableau 10 hues: distinct, and none close to the grey grid).</summary>
    public static IReadOnlyList<Rgb> Palette { get; } =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40),
        new(148, 103, 189), new(140, 86, 75), new(227, 119, 194), new(23, 190, 207),
    ];

    public static Rgb ColorOf(int series) => Palette[series % Palette.Count];

    public static void Write(string path, IReadOnlyList<BenchRow> rows)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        File.WriteAllBytes(path, Render(rows));
    }

    public static byte[] Render(IReadOnlyList<BenchRow> rows) => Draw(BenchSeries.From(rows)).ToPng();

    public static Raster Draw(IReadOnlyList<BenchSeries> series)
    {
        var canvas = new Raster(Width, Height, Rgb.White);
        canvas.Text(Left, 18, "verified bench: guest instructions per operation", s_label, TextScale);
        // Categorical x axis: the sizes are 0, 8 and 63 words, and on a linear axis 0 and 8 would nearly coincide
        // while the interesting step (the first words in registers) is exactly there.
        int[] sizes = series.SelectMany(s => s.Points).Select(p => p.Words).Distinct().Order().ToArray();
        long top = AxisTop(series.SelectMany(s => s.Points).Select(p => p.Instructions).DefaultIfEmpty(0).Max());
        DrawYAxis(canvas, top);
        DrawXAxis(canvas, sizes);
        if (series.Count == 0)
        {
            CenteredText(canvas, (Left + Right) / 2, (Top + Bottom) / 2, "no rows with a message size");
        }
        for (int i = 0; i < series.Count; i++)
        {
            // Earlier series are drawn wider, so a later one running on top of it (same-AS and cross-AS differ by
            // well under 1%) leaves it visible as a border instead of hiding it.
            DrawSeries(canvas, series[i], sizes, top, ColorOf(i), 3 + 2 * (series.Count - 1 - i));
            DrawLegendEntry(canvas, i, series[i].Name, ColorOf(i));
        }
        return canvas;
    }

    /// <summary>The smallest multiple of a 1-2-5 step (with at most <see cref="YTicks"/> steps) that holds
    /// <paramref name="max"/>: round tick labels whatever the magnitude of the counts.</summary>
    public static long AxisTop(long max)
    {
        long step = Step(max);
        return Math.Max(1, (max + step - 1) / step) * step;
    }

    private static long Step(long max)
    {
        for (long magnitude = 1; ; magnitude *= 10)
        {
            foreach (long factor in new long[] { 1, 2, 5 })
            {
                if (factor * magnitude * YTicks >= max)
                {
                    return factor * magnitude;
                }
            }
        }
    }

    private static void DrawYAxis(Raster canvas, long top)
    {
        long step = Step(top);
        for (long value = 0; value <= top; value += step)
        {
            int y = YOf(value, top);
            if (value > 0)
            {
                canvas.Line(Left + 1, y, Right, y, s_grid);
            }
            canvas.Line(Left - 6, y, Left, y, s_axis);
            string label = value.ToString(CultureInfo.InvariantCulture);
            canvas.Text(Left - 10 - Raster.TextWidth(label, TextScale), y - Raster.TextHeight(TextScale) / 2, label,
                s_label, TextScale);
        }
        canvas.Line(Left, Top, Left, Bottom, s_axis, thickness: 2);
        canvas.Text(Left - 90, Top - 30, "instructions", s_label, TextScale);
    }

    private static void DrawXAxis(Raster canvas, int[] sizes)
    {
        canvas.Line(Left, Bottom, Right, Bottom, s_axis, thickness: 2);
        for (int i = 0; i < sizes.Length; i++)
        {
            int x = XOf(i, sizes.Length);
            canvas.Line(x, Bottom, x, Bottom + 6, s_axis);
            CenteredText(canvas, x, Bottom + 18, sizes[i].ToString(CultureInfo.InvariantCulture));
        }
        CenteredText(canvas, (Left + Right) / 2, Bottom + 48, "message size (words)");
    }

    private static void DrawSeries(Raster canvas, BenchSeries series, int[] sizes, long top, Rgb color, int width)
    {
        var points = series.Points
            .Select(p => (X: XOf(Array.IndexOf(sizes, p.Words), sizes.Length), Y: YOf(p.Instructions, top)))
            .ToList();
        for (int i = 1; i < points.Count; i++)
        {
            canvas.Line(points[i - 1].X, points[i - 1].Y, points[i].X, points[i].Y, color, width);
        }
        foreach (var (x, y) in points)
        {
            Marker(canvas, x, y, color, width + 6);
        }
    }

    private static void DrawLegendEntry(Raster canvas, int index, string name, Rgb color)
    {
        int y = Top + 10 + index * 30;
        // Inset by the line's half width so nothing of the legend reaches left of LegendLeft.
        canvas.Line(LegendLeft + 5, y, LegendLeft + 35, y, color, thickness: 3);
        Marker(canvas, LegendLeft + 20, y, color);
        canvas.Text(LegendLeft + 45, y - Raster.TextHeight(TextScale) / 2, name, s_label, TextScale);
    }

    private static void Marker(Raster canvas, int x, int y, Rgb color, int size = 9) =>
        canvas.FillRect(x - size / 2, y - size / 2, size, size, color);

    private static void CenteredText(Raster canvas, int centerX, int topY, string text) =>
        canvas.Text(centerX - Raster.TextWidth(text, TextScale) / 2, topY, text, s_label, TextScale);

    /// <summary>Slot centres: the sizes spread evenly with half a slot of margin at either end.</summary>
    private static int XOf(int slot, int slots) => Left + (2 * slot + 1) * (Right - Left) / (2 * slots);

    private static int YOf(long value, long top) => Bottom - (int)(value * (Bottom - Top) / top);
}
