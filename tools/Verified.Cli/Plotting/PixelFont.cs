using System.Collections.Frozen;
using System.Collections.Generic;

namespace Verified.Cli.Plotting;

/// <summary>
/// A 5x7 bitmap font (the classic HD44780 character-LCD shapes) for the labels of the bench plot: embedded so the
/// chart needs no font files and renders the same on every machine. Covers ASCII letters, digits and the punctuation
/// bench row names use; anything else is drawn as a hollow box so a new character shows up instead of vanishing.
/// </summary>
internal static class PixelFont
{
    public const int Width = 5;
    public const int Height = 7;

    /// <summary>Horizontal distance from one character to the next, in font pixels (one column of spacing).</summary>
    public const int Advance = Width + 1;

    /// <summary>Rows the descending letters are drawn lower than the others: their glyphs below start at the
    /// x-height, so "g" and "p" hang below the line instead of squeezing their bowls into two rows.</summary>
    public const int Descent = 2;

    private const string Unknown = "11111 10001 10001 10001 10001 10001 11111";

    // Seven rows top to bottom, five columns left to right, '1' = ink; g, p, q and y start at the x-height (Drop).
    private static readonly FrozenDictionary<char, string> s_glyphs = new Dictionary<char, string>
    {
        [' '] = "00000 00000 00000 00000 00000 00000 00000",
        ['-'] = "00000 00000 00000 11111 00000 00000 00000",
        ['+'] = "00000 00100 00100 11111 00100 00100 00000",
        ['('] = "00010 00100 01000 01000 01000 00100 00010",
        [')'] = "01000 00100 00010 00010 00010 00100 01000",
        [':'] = "00000 01100 01100 00000 01100 01100 00000",
        ['.'] = "00000 00000 00000 00000 00000 01100 01100",
        [','] = "00000 00000 00000 00000 01100 00100 01000",
        ['/'] = "00000 00001 00010 00100 01000 10000 00000",
        ['0'] = "01110 10001 10011 10101 11001 10001 01110",
        ['1'] = "00100 01100 00100 00100 00100 00100 01110",
        ['2'] = "01110 10001 00001 00010 00100 01000 11111",
        ['3'] = "11111 00010 00100 00010 00001 10001 01110",
        ['4'] = "00010 00110 01010 10010 11111 00010 00010",
        ['5'] = "11111 10000 11110 00001 00001 10001 01110",
        ['6'] = "00110 01000 10000 11110 10001 10001 01110",
        ['7'] = "11111 00001 00010 00100 01000 01000 01000",
        ['8'] = "01110 10001 10001 01110 10001 10001 01110",
        ['9'] = "01110 10001 10001 01111 00001 00010 01100",
        ['A'] = "01110 10001 10001 11111 10001 10001 10001",
        ['B'] = "11110 10001 10001 11110 10001 10001 11110",
        ['C'] = "01110 10001 10000 10000 10000 10001 01110",
        ['D'] = "11100 10010 10001 10001 10001 10010 11100",
        ['E'] = "11111 10000 10000 11110 10000 10000 11111",
        ['F'] = "11111 10000 10000 11110 10000 10000 10000",
        ['G'] = "01110 10001 10000 10111 10001 10001 01111",
        ['H'] = "10001 10001 10001 11111 10001 10001 10001",
        ['I'] = "01110 00100 00100 00100 00100 00100 01110",
        ['J'] = "00111 00010 00010 00010 00010 10010 01100",
        ['K'] = "10001 10010 10100 11000 10100 10010 10001",
        ['L'] = "10000 10000 10000 10000 10000 10000 11111",
        ['M'] = "10001 11011 10101 10101 10001 10001 10001",
        ['N'] = "10001 10001 11001 10101 10011 10001 10001",
        ['O'] = "01110 10001 10001 10001 10001 10001 01110",
        ['P'] = "11110 10001 10001 11110 10000 10000 10000",
        ['Q'] = "01110 10001 10001 10001 10101 10010 01101",
        ['R'] = "11110 10001 10001 11110 10100 10010 10001",
        ['S'] = "01111 10000 10000 01110 00001 00001 11110",
        ['T'] = "11111 00100 00100 00100 00100 00100 00100",
        ['U'] = "10001 10001 10001 10001 10001 10001 01110",
        ['V'] = "10001 10001 10001 10001 10001 01010 00100",
        ['W'] = "10001 10001 10001 10101 10101 10101 01010",
        ['X'] = "10001 10001 01010 00100 01010 10001 10001",
        ['Y'] = "10001 10001 10001 01010 00100 00100 00100",
        ['Z'] = "11111 00001 00010 00100 01000 10000 11111",
        ['a'] = "00000 00000 01110 00001 01111 10001 01111",
        ['b'] = "10000 10000 10110 11001 10001 10001 11110",
        ['c'] = "00000 00000 01110 10000 10000 10001 01110",
        ['d'] = "00001 00001 01101 10011 10001 10001 01111",
        ['e'] = "00000 00000 01110 10001 11111 10000 01110",
        ['f'] = "00110 01001 01000 11100 01000 01000 01000",
        ['g'] = "01111 10001 10001 01111 00001 00001 01110",
        ['h'] = "10000 10000 10110 11001 10001 10001 10001",
        ['i'] = "00100 00000 01100 00100 00100 00100 01110",
        ['j'] = "00010 00000 00110 00010 00010 10010 01100",
        ['k'] = "10000 10000 10010 10100 11000 10100 10010",
        ['l'] = "01100 00100 00100 00100 00100 00100 01110",
        ['m'] = "00000 00000 11010 10101 10101 10001 10001",
        ['n'] = "00000 00000 10110 11001 10001 10001 10001",
        ['o'] = "00000 00000 01110 10001 10001 10001 01110",
        ['p'] = "11110 10001 10001 11110 10000 10000 10000",
        ['q'] = "01111 10001 10001 01111 00001 00001 00001",
        ['r'] = "00000 00000 10110 11001 10000 10000 10000",
        ['s'] = "00000 00000 01110 10000 01110 00001 11110",
        ['t'] = "01000 01000 11100 01000 01000 01001 00110",
        ['u'] = "00000 00000 10001 10001 10001 10011 01101",
        ['v'] = "00000 00000 10001 10001 10001 01010 00100",
        ['w'] = "00000 00000 10001 10001 10101 10101 01010",
        ['x'] = "00000 00000 10001 01010 00100 01010 10001",
        ['y'] = "10001 10001 10001 01111 00001 00001 01110",
        ['z'] = "00000 00000 11111 00010 00100 01000 11111",
    }.ToFrozenDictionary();

    /// <summary>Whether the pixel at column <paramref name="x"/>, row <paramref name="y"/> of the glyph is inked.</summary>
    public static bool Ink(char c, int x, int y)
    {
        string rows = s_glyphs.TryGetValue(c, out string? glyph) ? glyph : Unknown;
        // Rows are "xxxxx " groups: six characters apart.
        return rows[y * (Width + 1) + x] == '1';
    }

    /// <summary>How many rows below the cell's top <paramref name="c"/>'s glyph starts.</summary>
    public static int Drop(char c) => c is 'g' or 'p' or 'q' or 'y' ? Descent : 0;

    public static bool Covers(char c) => s_glyphs.ContainsKey(c);

    /// <summary>Width in font pixels of <paramref name="text"/>, without the spacing after the last character.</summary>
    public static int Measure(string text) => text.Length == 0 ? 0 : text.Length * Advance - 1;
}
