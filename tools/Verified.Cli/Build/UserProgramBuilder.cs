using System.Collections.Generic;
using System.IO;
using System.Linq;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Build;

/// <summary>
/// Builds the ring-3 programs of user/Programs/* the way the kernel is built: csc against the shared corelib and
/// runtime (boot/Corelib, boot/Runtime) plus the user runtime and library, ILC, as, ld at the user base address
/// (user/Runtime/user.ld), objcopy to a flat binary the kernel loads from a Multiboot module.
/// </summary>
internal sealed class UserProgramBuilder
{
    private const string Verb = "build";

    private readonly Workspace _workspace;
    private readonly Toolchain _toolchain;

    public UserProgramBuilder(Workspace workspace)
    {
        _workspace = workspace;
        _toolchain = new Toolchain(workspace);
    }

    /// <summary>Every program, built (incrementally) into build/image/user/NAME.bin, in name order.</summary>
    public IReadOnlyList<string> BuildAll()
    {
        string programs = _workspace.Source("user", "Programs");
        if (!Directory.Exists(programs))
        {
            return [];
        }
        return Directory.GetDirectories(programs).OrderBy(d => d, System.StringComparer.Ordinal)
            .Select(dir => Build(Path.GetFileName(dir))).ToList();
    }

    public string Build(string name)
    {
        string dir = _workspace.Build("image", "user", name);
        Directory.CreateDirectory(dir);
        string assemblyName = $"Verified.User.{name}";
        string assembly = Path.Combine(dir, assemblyName + ".dll");
        string obj = Path.Combine(dir, name + ".o");
        string elf = Path.Combine(dir, name + ".elf");
        string binary = _workspace.Build("image", "user", name.ToLowerInvariant() + ".bin");

        List<string> sources =
        [
            .. new[] { "boot/Corelib", "boot/Runtime", "user/Runtime", "user/Library", $"user/Programs/{name}" }
                .SelectMany(folder => _workspace.Files(folder, "*.cs")),
        ];
        List<string> csc = [_toolchain.Csc, .. FreestandingCompiler.Arguments(assembly, define: null), .. sources];
        new IncrementalStep(_workspace, $"user/{name}/csc", sources, [assembly], csc)
            .Run(Verb, () => ProcessRunner.RunChecked(Verb, Toolchain.Dotnet, csc, _workspace.SourceRoot));

        string ilc = _toolchain.Ilc;
        List<string> ilcArguments = [.. FreestandingCompiler.IlcArguments(assembly, obj, assemblyName)];
        new IncrementalStep(_workspace, $"user/{name}/ilc", [assembly], [obj], [ilc, .. ilcArguments])
            .Run(Verb, () => ProcessRunner.RunChecked(Verb, ilc, ilcArguments, _workspace.SourceRoot));

        IReadOnlyList<string> stubs = AssembleStubs();
        string script = _workspace.Source("user", "Runtime", "user.ld");
        List<string> ld =
        [
            "-nostdlib", "-static", "--no-warn-rwx-segments", "-z", "max-page-size=0x1000", "-z", "noexecstack",
            "-T", script, "-o", elf, .. stubs, obj,
        ];
        List<string> copy = ["-O", "binary", elf, binary];
        new IncrementalStep(_workspace, $"user/{name}/link", [script, obj, .. stubs], [elf, binary], [.. ld, .. copy])
            .Run(Verb, () =>
            {
                ProcessRunner.RunChecked(Verb, Toolchain.Linker, ld, _workspace.SourceRoot);
                ProcessRunner.RunChecked(Verb, Toolchain.ObjCopy, copy, _workspace.SourceRoot);
            });
        return binary;
    }

    /// <summary>The shared runtime stubs plus the user entry and system call stubs, assembled once for all programs.</summary>
    private IReadOnlyList<string> AssembleStubs()
    {
        string dir = _workspace.Build("image", "user-stubs");
        Directory.CreateDirectory(dir);
        var objects = new List<string>();
        foreach (string source in _workspace.Files("user/Runtime/X64", "*.S").Prepend(_workspace.Source("boot", "X64", "RuntimeStubs.S")))
        {
            string obj = Path.Combine(dir, Path.GetFileNameWithoutExtension(source) + ".o");
            List<string> arguments = ["--64", "-o", obj, source];
            new IncrementalStep(_workspace, $"user-as/{Path.GetFileName(source)}", [source], [obj], arguments)
                .Run(Verb, () => ProcessRunner.RunChecked(Verb, Toolchain.Assembler, arguments, _workspace.SourceRoot));
            objects.Add(obj);
        }
        return objects;
    }
}
