using System.Collections.Generic;

namespace Verified.Cli.Build;

/// <summary>
/// Compiler settings of the freestanding image. csc runs without any reference assembly: boot/Corelib is the system
/// module. Same strictness as Directory.Build.props (nullable, warnings as errors, deterministic).
/// </summary>
internal static class FreestandingCompiler
{
    /// <summary>The assembly name is the system module name ILC is told about.</summary>
    public const string AssemblyName = "Verified.Kernel";

    public static IEnumerable<string> Arguments(string output, string? define)
    {
        yield return "-noconfig";
        yield return "-nostdlib";
        yield return "-unsafe";
        yield return "-runtimemetadataversion:v4.0.30319";
        yield return "-target:library";
        yield return "-deterministic";
        yield return "-optimize+";
        yield return "-debug:portable";
        yield return "-nullable:enable";
        yield return "-warnaserror+";
        yield return "-langversion:latest";
        yield return "-nologo";
        // Code shared with the hosted builds (kernel/Core) tells the booted image apart by this symbol.
        yield return "-define:FREESTANDING";
        if (define is not null)
        {
            yield return $"-define:{define}";
        }
        yield return $"-out:{output}";
    }

    // The code generator's own settings for repeating its optimisation phases (release knobs of RyuJIT).
    private static readonly string[] OptRepeat = ["JitEnableOptRepeat=1", "JitOptRepeat=*", "JitOptRepeatCount=2"];

    /// <param name="systemModule">The assembly's own name: each freestanding image is its own system module.</param>
    public static IEnumerable<string> IlcArguments(string assembly, string output, string systemModule = AssemblyName)
    {
        yield return assembly;
        yield return "-o";
        yield return output;
        yield return $"--systemmodule:{systemModule}";
        yield return "--targetos:linux";
        yield return "--targetarch:x64";
        // The kernel favours speed: --Ot inlines more of the generated cores' small methods (the IPC round trip
        // took 8% fewer instructions than with -O, for a kernel 9% larger). User programs stay at -O, whose size
        // the root task pages in.
        yield return systemModule == AssemblyName ? "--Ot" : "-O";
        if (systemModule == AssemblyName)
        {
            // The code generator's optimisation phases run twice over every kernel method (value numbering, CSE,
            // assertion propagation, ...): the second pass folds what inlining and the first pass exposed, such as the
            // IPC core's re-checks of facts a caller just tested and reloads across its stores. The round trip took
            // 13 fewer instructions (744 to 731), the string row 90 fewer; no row rose by more than 1, and the code
            // shrank by 3 KB. A third pass changed nothing more. (docs/performance.md, "Optimisation phases twice")
            foreach (string option in OptRepeat)
            {
                yield return "--codegenopt";
                yield return option;
            }
        }
        // DWARF line tables: gdb on kernel.elf steps through the C# sources (objcopy leaves them out of kernel.bin).
        yield return "-g";
        yield return "--nativelib";
    }
}
