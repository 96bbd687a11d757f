using System.Collections.Generic;
using System.IO;
using System.Linq;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Build;

/// <summary>
/// The kernel image: Dafny translate -> strip the runtime boilerplate (tools/Verified.PostProcess) -> csc (corelib +
/// runtime + HAL + kernel + generated core, one assembly that is its own system module) -> ILC -> as -> ld ->
/// objcopy; and the user programs QEMU loads beside it.
/// </summary>
internal sealed class ImageBuilder
{
    private readonly Workspace _workspace;
    private readonly FreestandingSteps _steps;

    public ImageBuilder(Workspace workspace)
    {
        _workspace = workspace;
        _steps = new FreestandingSteps(workspace);
    }

    public ImagePaths Build(FaultInjection fault) => Build(ImageVariant.WithFault(fault));

    public ImagePaths Build(ImageVariant imageVariant)
    {
        string core = new CoreTranslation(_workspace).FreestandingCore();
        string buildInfo = BuildInfoFile.Write(_workspace);
        string variant = imageVariant.Name;
        string dir = _workspace.Build("image", variant);
        Directory.CreateDirectory(dir);
        IReadOnlyList<string> modules = imageVariant.SelectModules(new UserProgramBuilder(_workspace).BuildAll());
        var image = new ImagePaths(dir, Path.Combine(dir, FreestandingCompiler.AssemblyName + ".dll"),
            Path.Combine(dir, "kernel.o"), Path.Combine(dir, "kernel.elf"), Path.Combine(dir, "kernel.bin"), modules);

        _steps.Compile($"csc/{variant}", image.Assembly, imageVariant.Define, [.. KernelSources(), core, buildInfo]);
        _steps.NativeCompile($"ilc/{variant}", image.Assembly, image.Object, FreestandingCompiler.AssemblyName);
        // The stubs are the same for every variant. Multiboot.S comes first: its header must lie in the first 8 KiB.
        IReadOnlyList<string> stubs = _steps.Assemble("as", _workspace.Build("image", "stubs"),
            _workspace.Files("boot/X64", "*.S").OrderBy(f => Path.GetFileName(f) == "Multiboot.S" ? 0 : 1));
        _steps.Link($"link/{variant}", _workspace.Source("boot", "X64", "linker.ld"), [.. stubs, image.Object],
            image.Elf, image.Binary);
        return image;
    }

    /// <summary>Hand-written C# of the image in a fixed order: corelib, runtime, X64 HAL, kernel.</summary>
    private IEnumerable<string> KernelSources() =>
        new[] { "boot/Corelib", "boot/Runtime", "hal/X64", "kernel" }
            .SelectMany(folder => _workspace.Files(folder, "*.cs"));
}
