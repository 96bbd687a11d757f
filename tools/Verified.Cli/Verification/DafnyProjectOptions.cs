using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Verification;

/// <summary>
/// The verification settings of one folder, read from its <c>dfyconfig.toml</c> (the folder's Dafny project file, so
/// <c>dafny verify spec/dfyconfig.toml</c> checks the same thing). <c>./verified verify</c> verifies file by file to
/// report each one, and Dafny applies a project file's options only when given the project, so they are passed as
/// flags. Every folder must set a <c>resource-limit</c>: that is the per-procedure limit CI enforces.
/// </summary>
internal sealed class DafnyProjectOptions
{
    public const string FileName = "dfyconfig.toml";


    private DafnyProjectOptions(string path, IReadOnlyList<(string Key, string Value)> options, long resourceLimit)
    {
        Path = path;
        Options = options;
        ResourceLimit = resourceLimit;
    }

    public string Path { get; }

    public IReadOnlyList<(string Key, string Value)> Options { get; }

    public long ResourceLimit { get; }

    /// <summary>The options as Dafny command-line flags; the solver and core count are always this machine's.</summary>
    public IEnumerable<string> Flags(int cores)
    {
        foreach (var (key, value) in Options)
        {
            if (key is "solver-path" or "cores")
            {
                continue;
            }
            yield return "--" + key;
            yield return value;
        }
        yield return "--solver-path";
        yield return Toolchain.Z3;
        yield return "--cores";
        yield return cores.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The project file of the folder holding <paramref name="file"/>, or of the nearest folder above it.</summary>
    public static DafnyProjectOptions Nearest(string file, string root)
    {
        string rootFull = System.IO.Path.GetFullPath(root);
        for (string? dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file));
             dir is not null && dir.StartsWith(rootFull, StringComparison.Ordinal);
             dir = System.IO.Path.GetDirectoryName(dir))
        {
            string path = System.IO.Path.Combine(dir, FileName);
            if (File.Exists(path))
            {
                return Parse(path, File.ReadAllLines(path));
            }
        }
        throw new CliException($"no {FileName} above {file}: every verified folder sets its resource-limit there");
    }

    /// <summary>Reads the <c>[options]</c> table: <c>key = "string" | integer | true | false</c>, one per line.</summary>
    public static DafnyProjectOptions Parse(string path, IReadOnlyList<string> lines)
    {
        var options = new List<(string, string)>();
        string table = "";
        long? resourceLimit = null;
        for (int i = 0; i < lines.Count; i++)
        {
            string line = StripComment(lines[i]).Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith('['))
            {
                table = line.Trim('[', ']').Trim();
                continue;
            }
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"{path}({i + 1}): expected 'key = value'");
            }
            if (table != "options")
            {
                continue; // top-level keys (includes) name the files; verify walks the folder itself
            }
            string key = line[..equals].Trim();
            string value = ParseValue(path, i + 1, line[(equals + 1)..].Trim());
            if (key == "resource-limit")
            {
                resourceLimit = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long limit) && limit > 0
                    ? limit
                    : throw new CliException($"{path}({i + 1}): resource-limit must be a positive integer");
            }
            options.Add((key, value));
        }
        return new DafnyProjectOptions(path, options,
            resourceLimit ?? throw new CliException($"{path} sets no resource-limit under [options]"));
    }

    private static string ParseValue(string path, int line, string raw)
    {
        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
        {
            return raw[1..^1];
        }
        if (raw is "true" or "false" || long.TryParse(raw.Replace("_", ""), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return raw.Replace("_", "");
        }
        throw new CliException($"{path}({line}): unsupported value '{raw}' (use a string, an integer or a boolean)");
    }

    private static string StripComment(string line)
    {
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == '#' && !quoted)
            {
                return line[..i];
            }
        }
        return line;
    }
}
