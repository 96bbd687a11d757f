using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Verified.Cli.Build;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Boot;

/// <summary>What a boot printed and how it ended.</summary>
internal sealed record BootResult(int ExitCode, string Serial, string Message, double SecondsToBanner,
    double SecondsToRootTask = -1);

/// <summary>Boots a kernel image in QEMU (software emulation: KVM does not work on these machines).</summary>
internal static class QemuRunner
{
    private const string Verb = "boot";
    public const string BannerPrefix = "Verified kernel ";

    // The demo's serial driver (user/Tasks/Demo/SerialDriverDemo.cs) asks for a key on the console: the runner types
    // one, so every boot exercises the interrupt path from the UART to the user driver.
    private const string KeyPrompt = "type a key";

    // The root task's first line: its first instructions in ring 3 are just before it.
    private const string RootTaskPrefix = "root: ";
    private const string TypedKey = "v";

    /// <param name="countInstructions">Virtual time = executed instructions, so rdtsc in the guest counts them.</param>
    public static IReadOnlyList<string> Arguments(ImagePaths image, bool gdb, bool countInstructions = false)
    {
        var arguments = new List<string>
        {
            "-machine", "q35", "-cpu", "max", "-m", "128M",
            "-kernel", image.Binary,
            "-serial", "stdio", "-display", "none", "-monitor", "none", "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
        };
        if (image.Modules.Count > 0)
        {
            // Each module's command line is its path; the kernel finds programs by file name.
            arguments.AddRange(["-initrd", string.Join(',', image.Modules)]);
        }
        if (countInstructions)
        {
            arguments.AddRange(["-icount", "shift=0,sleep=off", "-rtc", "clock=vm"]);
        }
        if (gdb)
        {
            // Halt at the first instruction and wait for gdb on tcp::1234.
            arguments.AddRange(["-s", "-S"]);
        }
        return arguments;
    }

    /// <summary>Runs QEMU headless with the serial line on stdout; a hang is ended by the timeout.</summary>
    /// <param name="interactive">the console is the user's: QEMU reads the keys typed (the demo's serial driver
    /// waits for one), and the runner types nothing</param>
    public static BootResult Run(Workspace workspace, ImagePaths image, int timeoutSeconds, bool echo,
        bool countInstructions = false, bool interactive = false)
    {
        var stopwatch = Stopwatch.StartNew();
        double bannerAt = -1;
        double rootAt = -1;
        ProcessResult result = ProcessRunner.Run(Toolchain.Qemu, Arguments(image, gdb: false, countInstructions),
            workspace.SourceRoot,
            echo: line =>
            {
                if (bannerAt < 0 && line.Contains(BannerPrefix, StringComparison.Ordinal))
                {
                    bannerAt = stopwatch.Elapsed.TotalSeconds;
                }
                if (rootAt < 0 && line.StartsWith(RootTaskPrefix, StringComparison.Ordinal))
                {
                    rootAt = stopwatch.Elapsed.TotalSeconds;
                }
                if (echo)
                {
                    Log.Raw(line);
                }
            },
            timeout: TimeSpan.FromSeconds(timeoutSeconds),
            answer: line => line.Contains(KeyPrompt, StringComparison.Ordinal) ? TypedKey : null,
            inheritInput: interactive);
        var (exitCode, message) = KernelVerdict.Interpret(result.ExitCode, result.TimedOut, timeoutSeconds);
        return new BootResult(exitCode, result.Output, message, bannerAt, rootAt);
    }

    /// <summary>Starts QEMU halted with its gdb stub and tells the user how to attach.</summary>
    public static int RunForGdb(Workspace workspace, ImagePaths image)
    {
        Log.Info(Verb, "QEMU is halted at the first instruction; attach from another terminal with:");
        Log.Raw($"  gdb {image.Elf} -ex 'target remote localhost:1234'");
        Log.Info(Verb, "then e.g. 'break KernelEntry' ('info functions SelfTest' lists symbols) and 'continue'");
        ProcessResult result = ProcessRunner.Run(Toolchain.Qemu, Arguments(image, gdb: true), workspace.SourceRoot,
            echo: Log.Raw);
        var (exitCode, message) = KernelVerdict.Interpret(result.ExitCode, false, 0);
        Log.Info(Verb, message);
        return exitCode;
    }

    public static string FormatSeconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
