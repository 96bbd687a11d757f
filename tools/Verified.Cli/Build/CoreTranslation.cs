using System.Collections.Generic;
using System.IO;
using System.Linq;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Build;

/// <summary>
/// The verified core as C#: spec/ translated by Dafny, then stripped of the Dafny runtime by the Roslyn post-processor,
/// which fails the build if anything that needs BigInteger or the runtime remains. Generated C# is a build output only.
/// </summary>
internal sealed class CoreTranslation
{
    private const string Verb = "build";

    private readonly Workspace _workspace;
    private readonly Toolchain _toolchain;

    public CoreTranslation(Workspace workspace)
    {
        _workspace = workspace;
        _toolchain = new Toolchain(workspace);
    }

    /// <summary>Dafny files that are compiled; the HAL contract's externs are implemented by hand in hal/.</summary>
    public IReadOnlyList<string> CompiledDafnyFiles() => _workspace.Files("spec", "*.dfy");

    public string Translated()
    {
        IReadOnlyList<string> sources = CompiledDafnyFiles();
        string outputBase = _workspace.Build("gen", "Core");
        string output = outputBase + ".cs";
        string[] arguments = _toolchain.DafnyCommand(
            ["translate", "cs", "--no-verify", "--output", outputBase, .. sources]);
        new IncrementalStep(_workspace, "dafny-translate", [.. sources, Path.Combine(_workspace.RepoRoot, "dotnet-tools.json")],
            [output], arguments).Run(Verb,
            () => ProcessRunner.RunChecked(Verb, Toolchain.Dotnet, arguments, _workspace.RepoRoot));
        return output;
    }

    public string FreestandingCore()
    {
        string translated = Translated();
        string tool = PostProcessor();
        string output = _workspace.Build("gen", "Core.freestanding.cs");
        List<string> arguments = [tool, translated, output];
        new IncrementalStep(_workspace, "postprocess", [translated, tool], [output], arguments)
            .Run(Verb, () => ProcessRunner.RunChecked(Verb, Toolchain.Dotnet, arguments, _workspace.SourceRoot));
        return output;
    }

    /// <summary>Builds tools/Verified.PostProcess into build/tools/ when its sources changed.</summary>
    private string PostProcessor()
    {
        string project = Path.Combine(_workspace.RepoRoot, "tools", "Verified.PostProcess");
        string outputDir = _workspace.Build("tools", "postprocess");
        string dll = Path.Combine(outputDir, "Verified.PostProcess.dll");
        List<string> sources = Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".csproj"))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Append(Path.Combine(_workspace.RepoRoot, "Directory.Build.props"))
            .ToList();
        List<string> arguments = ["build", project, "-c", "Release", "-o", outputDir, "--nologo", "-v", "quiet"];
        new IncrementalStep(_workspace, "postprocess-tool", sources, [dll], arguments)
            .Run(Verb, () => ProcessRunner.RunChecked(Verb, Toolchain.Dotnet, arguments, _workspace.RepoRoot));
        return dll;
    }
}
