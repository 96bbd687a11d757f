using System.CommandLine;
using Verified.Cli.Build;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Commands;

/// <summary><c>verified build</c>: the freestanding kernel image, rebuilt only where inputs changed.</summary>
internal static class BuildCommand
{
    public static readonly Option<FaultInjection> Fault = new("--fault")
    {
        Description = "Plant a kernel bug on purpose to check that it ends in a panic on serial: null (null " +
            "dereference), overrun (array index out of range), overflow (checked arithmetic), cast (invalid cast), " +
            "stack (stack overflow into the guard page)",
        DefaultValueFactory = _ => FaultInjection.None,
    };

    public static Command Create()
    {
        var command = new Command("build",
            "Build the kernel image: Dafny translate -> strip runtime boilerplate -> csc with the corelib, HAL and " +
            "kernel -> ILC -> as/ld -> build/image/<variant>/kernel.bin");
        command.Options.Add(Fault);
        command.SetAction(parse =>
        {
            ImagePaths image = new ImageBuilder(GlobalOptions.Workspace(parse)).Build(parse.GetValue(Fault));
            Log.Info("build", $"image {image.Binary} ({new System.IO.FileInfo(image.Binary).Length} bytes)");
            return 0;
        });
        return command;
    }
}
