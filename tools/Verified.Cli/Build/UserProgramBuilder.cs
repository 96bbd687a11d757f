using System.Collections.Generic;
using System.IO;
using System.Linq;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Build;

/// <summary>
/// The ring-3 programs of user/Programs/*, built like the kernel: against the shared corelib and runtime
/// (boot/Corelib, boot/Runtime) plus the user runtime, the shared user library and scenarios with the X64 machine
/// primitive (user/Library, user/Scenarios, user/Machine/X64), linked at the user base address
/// (user/Runtime/user.ld) into flat binaries the kernel loads from Multiboot modules.
/// </summary>
internal sealed class UserProgramBuilder
{
    private readonly Workspace _workspace;
    private readonly FreestandingSteps _steps;

    public UserProgramBuilder(Workspace workspace)
    {
        _workspace = workspace;
        _steps = new FreestandingSteps(workspace);
    }

    /// <summary>Where the tasks the root task loads are linked: the upper half of the mapping window
    /// (docs/boot.md), which the root task fills page by page as the task faults.</summary>
    public const ulong TaskImageBase = 0x4080_0000;

    /// <summary>Every program, built (incrementally) into build/image/user/NAME.bin, in name order: user/Programs/*
    /// (loaded by the kernel: the root task and the boot self-checks' programs) and user/Tasks/* (loaded by the root
    /// task into a task of their own).</summary>
    public IReadOnlyList<string> BuildAll()
    {
        string[] kinds = ["Programs", "Tasks"];
        if (!kinds.Any(kind => Directory.Exists(_workspace.Source("user", kind))))
        {
            return [];
        }
        // The shared runtime stubs plus the user entry and system-call stubs, assembled once for all programs.
        IReadOnlyList<string> stubs = _steps.Assemble("user-as", _workspace.Build("image", "user-stubs"),
            _workspace.Files("user/Runtime/X64", "*.S").Prepend(_workspace.Source("boot", "X64", "RuntimeStubs.S")));
        return kinds.Where(kind => Directory.Exists(_workspace.Source("user", kind)))
            .SelectMany(kind => Directory.GetDirectories(_workspace.Source("user", kind))
                .OrderBy(d => d, System.StringComparer.Ordinal)
                .Select(dir => Build(kind, Path.GetFileName(dir), stubs)))
            .ToList();
    }

    private string Build(string kind, string name, IReadOnlyList<string> stubs)
    {
        string dir = _workspace.Build("image", "user", name);
        Directory.CreateDirectory(dir);
        string assemblyName = $"Verified.User.{name}";
        string assembly = Path.Combine(dir, assemblyName + ".dll");
        string obj = Path.Combine(dir, name + ".o");
        string binary = _workspace.Build("image", "user", name.ToLowerInvariant() + ".bin");
        List<string> sources =
        [
            .. new[]
            {
                "boot/Corelib", "boot/Runtime", "user/Runtime", "user/Library", "user/Machine/X64", "user/Scenarios",
                $"user/{kind}/{name}",
            }
                .SelectMany(folder => _workspace.Files(folder, "*.cs")),
        ];
        List<string> options = kind == "Tasks" ? [$"--defsym=USER_IMAGE_BASE=0x{TaskImageBase:X}"] : [];
        _steps.Compile($"user/{name}/csc", assembly, define: null, sources);
        _steps.NativeCompile($"user/{name}/ilc", assembly, obj, assemblyName);
        _steps.Link($"user/{name}/link", _workspace.Source("user", "Runtime", "user.ld"), [.. stubs, obj],
            Path.Combine(dir, name + ".elf"), binary, options);
        return binary;
    }
}
