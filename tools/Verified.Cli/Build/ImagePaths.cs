using System;

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

    /// <summary>Runs the guest-instruction benchmarks instead of the self-checks.</summary>
    public static readonly ImageVariant Bench = new("bench", "BENCH");

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
