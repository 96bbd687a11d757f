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

/// <summary>The files one image variant is made of.</summary>
internal sealed record ImagePaths(string Directory, string Assembly, string Object, string Elf, string Binary)
{
    public static string VariantName(FaultInjection fault) => fault switch
    {
        FaultInjection.None => "default",
        FaultInjection.Null => "fault-null",
        FaultInjection.Overrun => "fault-overrun",
        FaultInjection.Overflow => "fault-overflow",
        FaultInjection.Cast => "fault-cast",
        FaultInjection.Stack => "fault-stack",
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    /// <summary>The C# preprocessor symbol the kernel tests for, if any.</summary>
    public static string? DefineFor(FaultInjection fault) => fault switch
    {
        FaultInjection.Null => "FAULT_NULL",
        FaultInjection.Overrun => "FAULT_OVERRUN",
        FaultInjection.Overflow => "FAULT_OVERFLOW",
        FaultInjection.Cast => "FAULT_CAST",
        FaultInjection.Stack => "FAULT_STACK",
        _ => null,
    };
}
