using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Verified.Cli.Boot;
using Verified.Cli.Build;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Profiling;

/// <summary>
/// <c>verified bench --profile [ROW]</c>: where the instructions of a round-trip row (by default the headline: a Call +
/// ReplyWait round trip across address spaces, no words) go. QEMU runs the bench image under -icount with its execution log streamed (never
/// written to disk: it is gigabytes), the timed iterations of that row are picked out by the executions of the
/// row's operation function, and each executed block's instructions go to its function and layer.
/// </summary>
internal static class GuestProfiler
{
    private const string Verb = "bench";
    // ILC names a method of the bench task Prefix + "Class__Method"; the table below gives Class__Method.
    private const string BenchSymbolPrefix = "Verified_User_Bench_Verified_User_Bench_";
    private const string CallOperation = "RoundTrips__CallOperation";

    // user/Tasks/Bench: every row is 3 runs of 20 warm-up and 200 timed operations. A row is found by its operation
    // function and, where several rows share one, by its place among them (the round trips call CallOperation in
    // the order of Program.Rows). A profile covers the timed operations of a row's first run. A row timed across two
    // threads (from the sender's counter read to the woken thread's) also names the woken thread's function that
    // reads the counter: each operation counts up to it, not the woken thread's work until the next operation. A row
    // with an untimed step after each operation names that step, which stays out the same way.
    private const long OperationsPerRow = 3 * (20 + 200);
    private const long Warmup = 20, Timed = 200;

    private static readonly (string Name, string Operation, int Index, string? Arrival)[] Profiled =
    [
        ("roundtrip same-AS 0 words", CallOperation, 0, null), ("roundtrip same-AS 8 words", CallOperation, 1, null),
        ("roundtrip same-AS 63 words", CallOperation, 2, null), (BenchRows.Headline, CallOperation, 3, null),
        ("roundtrip cross-AS 8 words", CallOperation, 4, null), ("roundtrip cross-AS 63 words", CallOperation, 5, null),
        ("roundtrip cross-AS 0 words, sel4bench-shaped loops", "AssemblyRow__Once", 0, null),
        ("string item 4 KiB roundtrip cross-AS", "ItemRows__StringCall", 0, null),
        ("map item 1 page roundtrip cross-AS", "ItemRows__MapCall", 0, "ItemRows__TakeBack"),
        ("wait, sender already blocked, cross-AS", "ReceiveRows__WaitOperation", 0, "ReceiveRows__Release"),
        ("roundtrip cross-AS 0 words, receive buffers", "ReceiveRows__BufferedCall", 0, null),
        ("replywait, next caller queued, cross-AS", "LoadedServerRow__ServeOnce", 0, "LoadedServerRow__Release"),
        ("page fault to a user pager, map 1 page cross-AS", "FaultRow__Touch", 0, "FaultRow__Forget"),
        ("notification signal + wait roundtrip", "SignalRows__PingPong", 0, null),
        ("yield (full kernel entry)", "RoundTrips__YieldOperation", 0, null),
        ("send to higher priority (preemption)", "PreemptionRow__SendOnce", 0, "PreemptionRow__Arrived"),
        ("IRQ to user handler (COM1 transmitter empty)", "IrqRow__RaiseOnce", 0, "IrqRow__Arrived"),
    ];

    /// <summary>The rows a profile can cover, in the order the bench task measures them.</summary>
    public static readonly IReadOnlyList<string> Rows = Profiled.Select(row => row.Name).ToList();

    public static int Run(Workspace workspace, IReadOnlyList<BenchRow> measured, string rowName, int top,
        string? annotate = null)
    {
        int rowIndex = Rows.ToList().IndexOf(rowName);
        if (rowIndex < 0)
        {
            Log.Error(Verb, $"no profile for '{rowName}': one of {string.Join(", ", Rows)}");
            return 1;
        }
        var (_, operation, index, arrival) = Profiled[rowIndex];
        ImagePaths image = new ImageBuilder(workspace).Build(ImageVariant.Bench);
        string userRoot = Path.GetDirectoryName(image.Modules[0])!;
        var images = new List<(string, string?)> { (image.Elf, null) };
        foreach (string module in image.Modules)
        {
            string name = Path.GetFileNameWithoutExtension(module);
            string? elf = Directory.EnumerateFiles(userRoot, "*.elf", SearchOption.AllDirectories)
                .FirstOrDefault(path => string.Equals(Path.GetFileNameWithoutExtension(path), name, StringComparison.OrdinalIgnoreCase));
            if (elf is not null)
            {
                images.Add((elf, Path.GetFileName(module)));
            }
        }
        SymbolTable symbols = SymbolTable.Load(workspace.SourceRoot, images);
        ulong marker = MarkerAddress(workspace, images, operation);
        ulong? stop = arrival is null ? null : MarkerAddress(workspace, images, arrival);
        long from = index * OperationsPerRow + Warmup;
        var profile = new ExecLogProfile(marker, from, from + Timed, stop);

        Log.Info(Verb, $"profiling '{rowName}' under QEMU's execution log (about a minute)");
        int exitCode = Stream(workspace, image, profile);
        if (profile.Operations != Timed)
        {
            Log.Error(Verb, $"the log held {profile.Operations} of the {Timed} operations to profile (QEMU exit {exitCode})");
            return 1;
        }
        int verdict = Report(profile, symbols, measured, rowName, top);
        if (annotate is not null)
        {
            WriteAddresses(annotate, profile, symbols);
            Log.Info(Verb, $"wrote {annotate} (instructions per guest address and operation)");
        }
        return verdict;
    }

    // One line per executed block: its start address, executions and instructions per operation, its function.
    private static void WriteAddresses(string path, ExecLogProfile profile, SymbolTable symbols)
    {
        var text = new StringBuilder();
        foreach (var (pc, count) in profile.Counts.OrderBy(c => c.Key))
        {
            double operations = profile.Operations;
            text.Append(pc.ToString("x", CultureInfo.InvariantCulture)).Append('\t')
                .Append((profile.Executions[pc] / operations).ToString("0.00", CultureInfo.InvariantCulture)).Append('\t')
                .Append((count / operations).ToString("0.00", CultureInfo.InvariantCulture)).Append('\t')
                .Append(Shorten(symbols.NameOf(pc))).Append('\n');
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text.ToString());
    }

    private static ulong MarkerAddress(Workspace workspace, IEnumerable<(string Elf, string? Tag)> images, string operation)
    {
        foreach (var (elf, tag) in images.Where(i => i.Tag is not null))
        {
            ProcessResult nm = ProcessRunner.Run("nm", ["-n", elf], workspace.SourceRoot);
            foreach (var (address, name) in SymbolTable.Parse(nm.Output, null))
            {
                if (name == BenchSymbolPrefix + operation)
                {
                    return address;
                }
            }
        }
        throw new CliException($"no symbol {operation} in the bench task's image");
    }

    // QEMU writes its log to stderr when no log file is given: read it line by line as it comes.
    private static int Stream(Workspace workspace, ImagePaths image, ExecLogProfile profile)
    {
        var info = new ProcessStartInfo(Toolchain.Qemu)
        {
            WorkingDirectory = workspace.SourceRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in QemuRunner.Arguments(image, gdb: false, countInstructions: true))
        {
            info.ArgumentList.Add(argument);
        }
        info.ArgumentList.Add("-d");
        info.ArgumentList.Add("exec,nochain,in_asm");
        using var qemu = Process.Start(info) ?? throw new CliException("cannot start QEMU");
        qemu.StandardInput.Close();
        qemu.OutputDataReceived += (_, _) => { };
        qemu.BeginOutputReadLine();
        using StreamReader log = qemu.StandardError;
        string? line;
        while ((line = log.ReadLine()) is not null)
        {
            profile.Feed(line);
            if (profile.Done)
            {
                // The window is over; the rest of the run changes nothing.
                qemu.Kill(entireProcessTree: true);
                break;
            }
        }
        qemu.WaitForExit();
        return qemu.ExitCode;
    }

    private static int Report(ExecLogProfile profile, SymbolTable symbols, IReadOnlyList<BenchRow> measured,
        string rowName, int top)
    {
        double operations = profile.Operations;
        var byFunction = new Dictionary<string, long>();
        foreach (var (pc, count) in profile.Counts)
        {
            string name = symbols.NameOf(pc);
            byFunction[name] = byFunction.GetValueOrDefault(name) + count;
        }
        long total = byFunction.Values.Sum();
        double perOperation = total / operations;
        Log.Raw($"profile: {rowName}, {profile.Operations} timed operations: " +
            $"{perOperation:0} guest instructions each, the benchmark loop's own included");
        Log.Raw("");
        Log.Raw("| layer | instructions per operation | share |");
        Log.Raw("|---|---:|---:|");
        foreach (var group in byFunction.GroupBy(f => SymbolTable.LayerOf(f.Key))
                     .Select(g => (Layer: g.Key, Count: g.Sum(f => f.Value))).OrderByDescending(g => g.Count))
        {
            Log.Raw($"| {group.Layer} | {group.Count / operations:0} | {100.0 * group.Count / total:0.0}% |");
        }
        Log.Raw("");
        Log.Raw($"| function (top {top}) | instructions per operation | share |");
        Log.Raw("|---|---:|---:|");
        foreach (var (name, count) in byFunction.OrderByDescending(f => f.Value).Take(top))
        {
            Log.Raw($"| {Shorten(name)} | {count / operations:0.0} | {100.0 * count / total:0.0}% |");
        }
        // The profile counts the loop around each operation too (its timing, about a hundred instructions), so it is
        // a little above the row's figure; far from it, the window missed the row (the bench task's order changed)
        // and the profile means nothing.
        BenchRow? row = measured.FirstOrDefault(r => r.Name == rowName);
        if (row is null || perOperation < row.Instructions || perOperation > row.Instructions + Math.Max(row.Instructions * 0.10, 150))
        {
            Log.Error(Verb, $"the profile ({perOperation:0} per operation) does not match the row's measured " +
                $"{row?.Instructions.ToString() ?? "(missing)"}: the profiled window is not that row");
            return 1;
        }
        Log.Raw($"profile: measured {row.Instructions} per operation; the other {perOperation - row.Instructions:0} " +
            "are the benchmark loop's timing (subtracted from the row)");
        return 0;
    }

    // ILC's symbols repeat the assembly name before the namespace.
    private static string Shorten(string name) => name
        .Replace("Verified_Kernel_Verified_Kernel_", "", StringComparison.Ordinal)
        .Replace("Verified_Kernel_Verified_Hal_", "Hal_", StringComparison.Ordinal)
        .Replace("Verified_Kernel_", "", StringComparison.Ordinal)
        .Replace("Verified_User_Bench_Verified_User_Bench_", "Bench_", StringComparison.Ordinal);
}
