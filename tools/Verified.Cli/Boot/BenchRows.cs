using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Verified.Cli.Boot;

/// <summary>One measured operation of the bench task (user/Tasks/Bench): guest instructions per operation.</summary>
internal sealed record BenchRow(string Name, long Instructions);

/// <summary>
/// The rows the bench task prints on the serial line ("bench: NAME = N instructions"), its notes ("bench: note: ...":
/// timing overhead, run spreads, failures), and the JSON file of <c>verified bench --json</c>.
/// </summary>
internal static partial class BenchRows
{
    /// <summary>The row <c>verified bench</c> ends with: the figure issue 9 tracks.</summary>
    public const string Headline = "roundtrip cross-AS 0 words";

    public static IReadOnlyList<BenchRow> Parse(string serial)
    {
        var rows = new List<BenchRow>();
        foreach (Match match in RowPattern().Matches(serial))
        {
            rows.Add(new BenchRow(match.Groups["name"].Value,
                long.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    public static IReadOnlyList<string> Notes(string serial)
    {
        var notes = new List<string>();
        foreach (Match match in NotePattern().Matches(serial))
        {
            notes.Add(match.Groups["text"].Value);
        }
        return notes;
    }

    /// <summary>{"unit": "guest instructions", "rows": [{"name": ..., "instructions": ...}, ...]}.</summary>
    public static void WriteJson(string path, IReadOnlyList<BenchRow> rows)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        using FileStream stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("unit", "guest instructions per operation (QEMU -icount shift=0)");
        writer.WriteStartArray("rows");
        foreach (BenchRow row in rows)
        {
            writer.WriteStartObject();
            writer.WriteString("name", row.Name);
            writer.WriteNumber("instructions", row.Instructions);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    [GeneratedRegex(@"^bench: (?!note: )(?<name>.+?) = (?<value>[0-9]+) instructions\r?$", RegexOptions.Multiline)]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"^bench: note: (?<text>.*?)\r?$", RegexOptions.Multiline)]
    private static partial Regex NotePattern();
}
