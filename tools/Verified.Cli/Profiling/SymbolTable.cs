using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Profiling;

/// <summary>The function symbols of ELF images (from <c>nm</c>), to name the function a guest address lies in, and the
/// layer of the system it belongs to.</summary>
internal sealed class SymbolTable
{
    private readonly ulong[] _starts;
    private readonly string[] _names;

    public SymbolTable(IEnumerable<(ulong Address, string Name)> symbols)
    {
        var sorted = symbols.OrderBy(s => s.Address).ToArray();
        _starts = sorted.Select(s => s.Address).ToArray();
        _names = sorted.Select(s => s.Name).ToArray();
    }

    /// <summary>Text symbols of the given ELF files; a user program's are tagged with its file name.</summary>
    public static SymbolTable Load(string workingDirectory, IEnumerable<(string Elf, string? Tag)> images)
    {
        var symbols = new List<(ulong, string)>();
        foreach (var (elf, tag) in images)
        {
            ProcessResult nm = ProcessRunner.Run("nm", ["-n", elf], workingDirectory);
            if (nm.ExitCode != 0)
            {
                throw new CliException($"nm {elf} failed: {nm.Output.Trim()}");
            }
            symbols.AddRange(Parse(nm.Output, tag));
        }
        return new SymbolTable(symbols);
    }

    /// <summary>Lines of <c>nm -n</c>: "ADDRESS TYPE NAME", text symbols (t, T, w, W) only.</summary>
    public static IEnumerable<(ulong Address, string Name)> Parse(string nmOutput, string? tag)
    {
        foreach (string line in nmOutput.Split('\n'))
        {
            string[] parts = line.Trim().Split(' ', 3);
            if (parts.Length == 3 && parts[1] is ("t" or "T" or "w" or "W")
                && ulong.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong address))
            {
                yield return (address, tag is null ? parts[2] : $"{parts[2]} [{tag}]");
            }
        }
    }

    /// <summary>The function containing <paramref name="address"/> (the nearest symbol at or below it).</summary>
    public string NameOf(ulong address)
    {
        int index = Array.BinarySearch(_starts, address);
        index = index >= 0 ? index : ~index - 1;
        // Equal addresses (aliases): the first one's name.
        while (index > 0 && _starts[index - 1] == _starts[index])
        {
            index--;
        }
        return index >= 0 ? _names[index] : "?";
    }

    /// <summary>The part of the system a function belongs to, from its symbol (ILC prefixes the assembly and the
    /// namespace; the Dafny modules of spec/ keep their module names).</summary>
    public static string LayerOf(string name) => name switch
    {
        _ when name.EndsWith(']') => "user program (benchmark loop, syscall stub)",
        _ when name.StartsWith("Verified_Kernel_IpcState_", StringComparison.Ordinal)
            || name.StartsWith("Verified_Kernel_IpcQueues_", StringComparison.Ordinal)
            || name.StartsWith("Verified_Kernel_IpcInvariant_", StringComparison.Ordinal)
            || name.StartsWith("Verified_Kernel_IpcTypes_", StringComparison.Ordinal) => "verified IPC core (spec/Ipc)",
        _ when name.StartsWith("Verified_Kernel_Caps", StringComparison.Ordinal) => "verified capability core (spec/Caps)",
        _ when name.StartsWith("Verified_Kernel_Mapping", StringComparison.Ordinal) => "verified mapping core (spec/Mapping)",
        _ when name.StartsWith("Verified_Kernel_Verified_Kernel_Core_", StringComparison.Ordinal) => "syscall layer (kernel/Core)",
        _ when name.StartsWith("Verified_Kernel_Verified_Kernel_Machine_", StringComparison.Ordinal)
            || name.StartsWith("Verified_Kernel_Verified_Kernel_Syscalls_", StringComparison.Ordinal) => "kernel loop and platform (kernel/Machine)",
        _ when name.StartsWith("Verified_Kernel_Verified_Hal_", StringComparison.Ordinal) => "HAL (hal/X64)",
        _ when name.StartsWith("Verified_Kernel_", StringComparison.Ordinal) || name.StartsWith("Rhp", StringComparison.Ordinal)
            => "runtime (boot/Runtime, ILC helpers)",
        _ => "entry and exit assembly (boot/X64)",
    };
}
