using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Verified.Cli.Build;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Peers;

/// <summary>
/// Debian's Linux kernel as a reference point: user/peers/linux-pingpong.c, linked statically, runs as /init under
/// QEMU with the same -icount method as the Verified benchmark image and prints its rows. The root script unpacks
/// the kernel package into build/peers/linux on first use.
/// </summary>
internal static partial class LinuxPeer
{
    private const string Verb = "bench";

    public static IReadOnlyList<(string Name, string Instructions)> Measure(Workspace workspace)
    {
        string kernel = FindKernel(workspace);
        string initramfs = BuildInitramfs(workspace);
        List<string> arguments =
        [
            "-machine", "q35", "-cpu", "max", "-m", "256M", "-kernel", kernel, "-initrd", initramfs,
            "-append", "console=ttyS0 quiet loglevel=3 panic=-1", "-serial", "stdio", "-display", "none",
            "-monitor", "none", "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-icount", "shift=0,sleep=off", "-rtc", "clock=vm",
        ];
        Log.Info(Verb, $"booting {Path.GetFileName(kernel)} with the peer program (takes a while under emulation)");
        ProcessResult result = ProcessRunner.Run(Toolchain.Qemu, arguments, workspace.SourceRoot,
            timeout: TimeSpan.FromMinutes(10));
        var rows = new List<(string, string)>();
        foreach (Match match in RowPattern().Matches(result.Output))
        {
            rows.Add((match.Groups["name"].Value, match.Groups["value"].Value));
        }
        if (result.ExitCode != Boot.KernelVerdict.QemuPass || rows.Count == 0)
        {
            Log.Raw(result.Output.TrimEnd());
            throw new CliException($"the Linux peer run failed (QEMU status {result.ExitCode}, {rows.Count} rows)");
        }
        return rows;
    }

    private static string FindKernel(Workspace workspace)
    {
        string boot = workspace.Build("peers", "linux", "boot");
        string? kernel = Directory.Exists(boot)
            ? Directory.GetFiles(boot, "vmlinuz-*").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault()
            : null;
        return kernel ?? throw new CliException("no Linux kernel in build/peers/linux/boot: run ./verified bench --peers");
    }

    private static string BuildInitramfs(Workspace workspace)
    {
        string source = workspace.Source("user", "peers", "linux-pingpong.c");
        string program = workspace.Build("peers", "linux-pingpong");
        string initramfs = workspace.Build("peers", "initramfs.cpio");
        List<string> gcc = ["-static", "-O2", "-Wall", "-Werror", "-o", program, source, "-lpthread"];
        new IncrementalStep(workspace, "peers/gcc", [source], [program], ["gcc", .. gcc])
            .Run(Verb, () => ProcessRunner.RunChecked(Verb, Toolchain.OnPath("gcc", "gcc"), gcc, workspace.SourceRoot));
        new IncrementalStep(workspace, "peers/initramfs", [program], [initramfs], ["newc", "init", "dev/console"])
            .Run(Verb, () => File.WriteAllBytes(initramfs, new CpioArchive()
                .AddDirectory("dev", 0755)
                .AddCharacterDevice("dev/console", 0600, 5, 1)
                .AddFile("init", 0755, File.ReadAllBytes(program))
                .ToBytes()));
        return initramfs;
    }

    [GeneratedRegex(@"^bench: linux (?<name>.+?) = (?<value>[0-9]+(?:\.[0-9]+)?) instructions\r?$", RegexOptions.Multiline)]
    private static partial Regex RowPattern();
}
