using System.Collections.Generic;
using System.IO;
using Verified.Cli.Build;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Testing;

/// <summary>Builds and runs coyote-tests/Verified.Explorer, the program behind explore and replay.</summary>
internal static class Explorer
{
    public static ProcessResult Run(Workspace workspace, string verb, IEnumerable<string> arguments)
    {
        string project = workspace.Source("coyote-tests", "Verified.Explorer", "Verified.Explorer.csproj");
        ProcessRunner.RunChecked(verb, Toolchain.Dotnet, ["build", project, "-c", "Release", "--nologo", "-v", "quiet"],
            workspace.SourceRoot);
        string dll = workspace.Build("bin", "Verified.Explorer", "Release", "net10.0", "Verified.Explorer.dll");
        if (!File.Exists(dll))
        {
            throw new CliException($"{verb}: the explorer was not built at {dll}");
        }
        return ProcessRunner.Run(Toolchain.Dotnet, [dll, .. arguments, "--build", BuildInfoFile.Version(workspace)],
            workspace.SourceRoot, echo: Log.Raw);
    }
}
