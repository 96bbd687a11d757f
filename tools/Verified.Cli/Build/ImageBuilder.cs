using System.Collections.Generic;
using System.IO;
using System.Linq;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Build;

/// <summary>
/// The freestanding image pipeline, one incremental step each:
/// Dafny translate -> strip the runtime boilerplate (tools/Verified.PostProcess) -> csc (corelib + runtime + HAL +
/// kernel + generated core, one assembly that is its own system module) -> ILC -> as -> ld -> objcopy.
/// </summary>
internal sealed class ImageBuilder
{
    private const string Verb = "build";

    private readonly Workspace _workspace;
    private readonly Toolchain _toolchain;

    public ImageBuilder(Workspace workspace)
    {
        _workspace = workspace;
        _toolchain = new Toolchain(workspace);
    }

    public ImagePaths Build(FaultInjection fault) => Build(ImageVariant.WithFault(fault));

    public ImagePaths Build(ImageVariant imageVariant)
    {
        string core = new CoreTranslation(_workspace).FreestandingCore();
        string buildInfo = BuildInfoFile.Write(_workspace);
        string variant = imageVariant.Name;
        string dir = _workspace.Build("image", variant);
        Directory.CreateDirectory(dir);
        IReadOnlyList<string> modules = new UserProgramBuilder(_workspace).BuildAll();
        var image = new ImagePaths(dir, Path.Combine(dir, FreestandingCompiler.AssemblyName + ".dll"), Path.Combine(dir, "kernel.o"),
            Path.Combine(dir, "kernel.elf"), Path.Combine(dir, "kernel.bin"), modules);

        Compile(image, variant, imageVariant.Define, [.. KernelSources(), core, buildInfo]);
        NativeCompile(image, variant);
        IReadOnlyList<string> stubs = AssembleStubs();
        Link(image, variant, stubs);
        return image;
    }

    /// <summary>Hand-written C# of the image in a fixed order: corelib, runtime, X64 HAL, kernel.</summary>
    private IEnumerable<string> KernelSources() =>
        new[] { "boot/Corelib", "boot/Runtime", "hal/X64", "kernel" }
            .SelectMany(folder => _workspace.Files(folder, "*.cs"));

    private void Compile(ImagePaths image, string variant, string? define, IReadOnlyList<string> sources)
    {
        List<string> arguments = [_toolchain.Csc, .. FreestandingCompiler.Arguments(image.Assembly, define), .. sources];
        new IncrementalStep(_workspace, $"csc/{variant}", sources, [image.Assembly], arguments)
            .Run(Verb, () => ProcessRunner.RunChecked(Verb, Toolchain.Dotnet, arguments, _workspace.SourceRoot));
    }

    private void NativeCompile(ImagePaths image, string variant)
    {
        string ilc = _toolchain.Ilc;
        List<string> arguments = [.. FreestandingCompiler.IlcArguments(image.Assembly, image.Object)];
        new IncrementalStep(_workspace, $"ilc/{variant}", [image.Assembly], [image.Object], [ilc, .. arguments])
            .Run(Verb, () => ProcessRunner.RunChecked(Verb, ilc, arguments, _workspace.SourceRoot));
    }

    /// <summary>
    /// The assembly stubs are the same for every variant and are assembled once. Multiboot.S comes first: its header
    /// must lie in the image's first 8 KiB.
    /// </summary>
    private IReadOnlyList<string> AssembleStubs()
    {
        string dir = _workspace.Build("image", "stubs");
        Directory.CreateDirectory(dir);
        var objects = new List<string>();
        IEnumerable<string> sources = _workspace.Files("boot/X64", "*.S")
            .OrderBy(f => Path.GetFileName(f) == "Multiboot.S" ? 0 : 1);
        foreach (string source in sources)
        {
            string obj = Path.Combine(dir, Path.GetFileNameWithoutExtension(source) + ".o");
            List<string> arguments = ["--64", "-o", obj, source];
            new IncrementalStep(_workspace, $"as/{Path.GetFileName(source)}", [source], [obj], arguments)
                .Run(Verb, () => ProcessRunner.RunChecked(Verb, Toolchain.Assembler, arguments, _workspace.SourceRoot));
            objects.Add(obj);
        }
        return objects;
    }

    private void Link(ImagePaths image, string variant, IReadOnlyList<string> stubs)
    {
        string script = _workspace.Source("boot", "X64", "linker.ld");
        List<string> ldArguments =
        [
            "-nostdlib", "-static", "--no-warn-rwx-segments", "-z", "max-page-size=0x1000", "-z", "noexecstack",
            "-T", script, "-o", image.Elf, .. stubs, image.Object,
        ];
        List<string> copyArguments = ["-O", "binary", image.Elf, image.Binary];
        new IncrementalStep(_workspace, $"link/{variant}", [script, image.Object, .. stubs], [image.Elf, image.Binary],
            [.. ldArguments, .. copyArguments]).Run(Verb, () =>
        {
            ProcessRunner.RunChecked(Verb, Toolchain.Linker, ldArguments, _workspace.SourceRoot);
            ProcessRunner.RunChecked(Verb, Toolchain.ObjCopy, copyArguments, _workspace.SourceRoot);
        });
    }
}
