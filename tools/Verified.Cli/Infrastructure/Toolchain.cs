using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Verified.Cli.Infrastructure;

/// <summary>
/// Locates the external tools. The root script installs them; this class only finds them and says what is missing.
/// Versions are read from the files that pin them (global.json, boot/ilc/IlcPackage.csproj), never repeated here.
/// </summary>
internal sealed partial class Toolchain
{
    public const string Z3 = "/usr/bin/z3";

    private readonly Workspace _workspace;

    public Toolchain(Workspace workspace)
    {
        _workspace = workspace;
    }

    public static string Dotnet => "dotnet";

    /// <summary>Dafny runs as the local tool the manifest pins, from the repository (where the manifest is).</summary>
    public string[] DafnyCommand(params string[] arguments) => ["dafny", .. arguments];

    public string NuGetRoot =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public string IlcVersion
    {
        get
        {
            string project = Path.Combine(_workspace.RepoRoot, "boot", "ilc", "IlcPackage.csproj");
            Match match = IlcVersionPattern().Match(File.ReadAllText(project));
            if (!match.Success)
            {
                throw new CliException($"{project} pins no ILCompiler version");
            }
            return match.Groups[1].Value;
        }
    }

    public string Ilc => Require(
        Path.Combine(NuGetRoot, "runtime.linux-x64.microsoft.dotnet.ilcompiler", IlcVersion, "tools", "ilc"),
        "the NativeAOT compiler (ILC)");

    public string SdkVersion
    {
        get
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_workspace.RepoRoot, "global.json")));
            return json.RootElement.GetProperty("sdk").GetProperty("version").GetString()
                ?? throw new CliException("global.json pins no SDK version");
        }
    }

    /// <summary>The C# compiler of the SDK that runs us; the freestanding image is compiled with it directly.</summary>
    public string Csc
    {
        get
        {
            string dotnetRoot = Path.GetDirectoryName(Environment.ProcessPath ?? "/usr/share/dotnet/dotnet")!;
            string sdks = Path.Combine(dotnetRoot, "sdk");
            string? sdk = Directory.Exists(sdks)
                ? Directory.GetDirectories(sdks).OrderByDescending(d => d, StringComparer.Ordinal)
                    .FirstOrDefault(d => File.Exists(Path.Combine(d, "Roslyn", "bincore", "csc.dll")))
                : null;
            return Require(sdk is null ? Path.Combine(sdks, SdkVersion, "Roslyn", "bincore", "csc.dll")
                : Path.Combine(sdk, "Roslyn", "bincore", "csc.dll"), "the C# compiler (csc.dll)");
        }
    }

    public static string OnPath(string name, string what)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            string candidate = Path.Combine(dir, name);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new CliException($"{what} ('{name}') is not installed: run ./verified setup");
    }

    public static string Qemu => OnPath("qemu-system-x86_64", "QEMU");

    public static string Assembler => OnPath("as", "the GNU assembler");

    public static string Linker => OnPath("ld", "the GNU linker");

    public static string ObjCopy => OnPath("objcopy", "objcopy");

    private static string Require(string path, string what) =>
        File.Exists(path) ? path : throw new CliException($"{what} is missing at {path}: run ./verified setup");

    [GeneratedRegex("ILCompiler\"\\s+Version=\"\\[?([0-9.]+)\\]?\"")]
    private static partial Regex IlcVersionPattern();
}
