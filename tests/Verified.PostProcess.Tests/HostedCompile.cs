// Compiles C# in memory against the running .NET's assemblies plus a one-member stand-in for the Dafny runtime.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Verified.PostProcess.Tests;

internal static class HostedCompile
{
    /// <summary>The allow-listed shim, as the freestanding corelib provides it. Nothing else of Dafny exists.</summary>
    public const string RuntimeShim = """
        namespace Dafny {
          internal static class Helpers {
            public static int ToIntChecked(long value, string message) =>
              value >= 0 && value <= int.MaxValue ? (int)value : throw new System.OverflowException(message);
          }
        }
        """;

    /// <summary>The freestanding runtime's ProvedArray.At (boot/Runtime/ProvedArray.cs) for a host whose collector
    /// moves objects: the same element, reached through a tracked reference.</summary>
    public const string ProvedArrayShim = """
        namespace Verified.Boot.Runtime {
          public static class ProvedArray {
            public static ref T At<T>(ref T[] field, nuint index) =>
              ref System.Runtime.CompilerServices.Unsafe.Add(
                ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(field), index);
          }
        }
        """;

    private static readonly MetadataReference[] s_platform =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();

    /// <summary>Compiles the sources with the ProvedArray shim (warnings as errors, nullable on) and loads the
    /// assembly.</summary>
    public static (Assembly? Assembly, IReadOnlyList<Diagnostic> Diagnostics) Compile(params string[] sources)
    {
        sources = sources.Append(ProvedArrayShim).ToArray();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error);
        var compilation = CSharpCompilation.Create("Stripped" + Guid.NewGuid().ToString("N"),
            sources.Select(s => CSharpSyntaxTree.ParseText(s)), s_platform, options);
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var diagnostics = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return (result.Success ? Assembly.Load(stream.ToArray()) : null, diagnostics);
    }
}
