using System.Collections.Generic;
using System.IO;
using System.Linq;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Build;

/// <summary>
/// The steps every freestanding binary goes through, the kernel and each user program alike: csc against the
/// project's corelib, ILC, as, ld with a linker script, objcopy to a flat binary. Each is an incremental step.
/// </summary>
internal sealed class FreestandingSteps
{
    private const string Verb = "build";

    private readonly Workspace _workspace;
    private readonly Toolchain _toolchain;

    public FreestandingSteps(Workspace workspace)
    {
        _workspace = workspace;
        _toolchain = new Toolchain(workspace);
    }

    public void Compile(string step, string assembly, string? define, IReadOnlyList<string> sources)
    {
        List<string> arguments = [_toolchain.Csc, .. FreestandingCompiler.Arguments(assembly, define), .. sources];
        new IncrementalStep(_workspace, step, sources, [assembly], arguments)
            .Run(Verb, () => ProcessRunner.RunChecked(Verb, Toolchain.Dotnet, arguments, _workspace.SourceRoot));
    }

    public void NativeCompile(string step, string assembly, string obj, string systemModule)
    {
        string ilc = _toolchain.Ilc;
        List<string> arguments = [.. FreestandingCompiler.IlcArguments(assembly, obj, systemModule)];
        new IncrementalStep(_workspace, step, [assembly], [obj], [ilc, .. arguments])
            .Run(Verb, () => ProcessRunner.RunChecked(Verb, ilc, arguments, _workspace.SourceRoot));
    }

    /// <summary>Assembles each source into <paramref name="outputDir"/>; boot/X64/*.inc may be included by any.</summary>
    public IReadOnlyList<string> Assemble(string stepPrefix, string outputDir, IEnumerable<string> sources)
    {
        Directory.CreateDirectory(outputDir);
        string includeDir = _workspace.Source("boot", "X64");
        IReadOnlyList<string> includes = _workspace.Files("boot/X64", "*.inc");
        var objects = new List<string>();
        foreach (string source in sources)
        {
            string obj = Path.Combine(outputDir, Path.GetFileNameWithoutExtension(source) + ".o");
            List<string> arguments = ["--64", "-I", includeDir, "-o", obj, source];
            new IncrementalStep(_workspace, $"{stepPrefix}/{Path.GetFileName(source)}", [source, .. includes], [obj],
                arguments).Run(Verb, () => ProcessRunner.RunChecked(Verb, Toolchain.Assembler, arguments,
                _workspace.SourceRoot));
            objects.Add(obj);
        }
        return objects;
    }

    public void Link(string step, string script, IReadOnlyList<string> objects, string elf, string binary,
        IReadOnlyList<string>? options = null)
    {
        List<string> ld =
        [
            "-nostdlib", "-static", "--no-warn-rwx-segments", "-z", "max-page-size=0x1000", "-z", "noexecstack",
            .. options ?? [], "-T", script, "-o", elf, .. objects,
        ];
        List<string> copy = ["-O", "binary", elf, binary];
        new IncrementalStep(_workspace, step, [script, .. objects], [elf, binary], [.. ld, .. copy]).Run(Verb, () =>
        {
            ProcessRunner.RunChecked(Verb, Toolchain.Linker, ld, _workspace.SourceRoot);
            ProcessRunner.RunChecked(Verb, Toolchain.ObjCopy, copy, _workspace.SourceRoot);
        });
    }
}
