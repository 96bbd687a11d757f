using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Verified.Cli.Build;

/// <summary>Kernel bugs planted on purpose through a build flag, to show they end in a panic and never in a hang.</summary>
internal enum FaultInjection
{
    None,
    Null,
    Overrun,
    Overflow,
    Cast,
    Stack,
}

/// <summary>One kind of image: its folder name under build/image/ and the C# symbol the kernel tests, if any.</summary>
internal sealed record ImageVariant(string Name, string? Define)
{
    public static readonly ImageVariant Default = new("default", null);

    /// <summary>The kernel proper without the self-checks, booting the root task and only the benchmark task
    /// (user/Tasks/Bench): `./verified bench` runs it under -icount.</summary>
    public static readonly ImageVariant Bench = new("bench", "BENCH");

    // The bench image's modules; every other image boots all programs but the benchmark task, whose figures mean
    // nothing without -icount and which would only lengthen the boot.
    private static readonly string[] s_benchModules = ["root.bin", "bench.bin"];
    private const string BenchTask = "bench.bin";

    /// <summary>The user programs (build/image/user/*.bin) this variant boots with, in the order given.</summary>
    public IReadOnlyList<string> SelectModules(IReadOnlyList<string> programs) =>
        programs.Where(path => Name == Bench.Name
            ? s_benchModules.Contains(Path.GetFileName(path))
            : Path.GetFileName(path) != BenchTask).ToList();

    public static ImageVariant WithFault(FaultInjection fault) => fault switch
    {
        FaultInjection.None => Default,
        FaultInjection.Null => new("fault-null", "FAULT_NULL"),
        FaultInjection.Overrun => new("fault-overrun", "FAULT_OVERRUN"),
        FaultInjection.Overflow => new("fault-overflow", "FAULT_OVERFLOW"),
        FaultInjection.Cast => new("fault-cast", "FAULT_CAST"),
        FaultInjection.Stack => new("fault-stack", "FAULT_STACK"),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };
}

/// <summary>The files one image variant is made of, and the user programs QEMU loads beside it as Multiboot modules.</summary>
internal sealed record ImagePaths(string Directory, string Assembly, string Object, string Elf, string Binary,
    System.Collections.Generic.IReadOnlyList<string> Modules);
