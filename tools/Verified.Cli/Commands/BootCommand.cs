using System.CommandLine;
using Verified.Cli.Boot;
using Verified.Cli.Build;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Commands;

/// <summary><c>verified boot</c>: build, then boot in QEMU; the exit status is the kernel's verdict.</summary>
internal static class BootCommand
{
    private static readonly Option<bool> s_gdb = new("--gdb")
    {
        Description = "Start QEMU halted with the gdb stub on localhost:1234 and print the gdb command line",
    };

    private static readonly Option<int> s_timeout = new("--timeout")
    {
        Description = "Seconds before a boot without a verdict counts as a hang",
        DefaultValueFactory = _ => 60,
    };

    private static readonly Option<bool> s_interactive = new("--interactive")
    {
        Description = "Leave the console to you: the demo's serial driver answers the key you type (otherwise the " +
            "runner types one when the driver asks)",
    };

    public static Command Create()
    {
        var command = new Command("boot",
            "Build the image and boot it headless in QEMU, serial on stdout; the last line sums the kernel's " +
            "self-checks and the selftest task's scenarios; exit status 0 when the root task reports every task " +
            "passed, 1 on failure, panic, hang or triple fault");
        command.Options.Add(BuildCommand.Fault);
        command.Options.Add(s_gdb);
        command.Options.Add(s_timeout);
        command.Options.Add(s_interactive);
        command.SetAction(parse =>
        {
            Workspace workspace = GlobalOptions.Workspace(parse);
            ImagePaths image = new ImageBuilder(workspace).Build(parse.GetValue(BuildCommand.Fault));
            if (parse.GetValue(s_gdb))
            {
                return QemuRunner.RunForGdb(workspace, image);
            }
            Log.Info("boot", $"qemu-system-x86_64 {string.Join(' ', QemuRunner.Arguments(image, gdb: false))}");
            BootResult result = QemuRunner.Run(workspace, image, parse.GetValue(s_timeout), echo: true,
                interactive: parse.GetValue(s_interactive));
            if (result.SecondsToBanner >= 0)
            {
                Log.Info("boot", $"banner {QemuRunner.FormatSeconds(result.SecondsToBanner)} s after QEMU start");
            }
            if (result.SecondsToRootTask >= 0)
            {
                Log.Info("boot", $"root task's first line (ring 3) {QemuRunner.FormatSeconds(result.SecondsToRootTask)} s after QEMU start");
            }
            Log.Info("boot", result.Message);
            // Last: the kernel's self-checks and the selftest task's scenarios in one line (a missing part is a
            // failure), the line CI and people look for.
            Testing.SelfTestSummary.Counts total = Testing.SelfTestSummary.ParseBoot(result.Serial).Total;
            System.Console.WriteLine($"selftest: {total.Passed} passed, {total.Failed} failed");
            return result.ExitCode;
        });
        return command;
    }
}
