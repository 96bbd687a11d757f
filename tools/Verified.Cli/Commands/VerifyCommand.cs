using System.CommandLine;
using Verified.Cli.Verification;

namespace Verified.Cli.Commands;

/// <summary><c>verified verify</c>: Dafny verification of spec/ and proofs/ under the CI resource limit.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify",
            "Verify every .dfy file in spec/ and proofs/ with the options of its folder's dfyconfig.toml (which must " +
            $"set a per-procedure resource-limit), z3 at {Infrastructure.Toolchain.Z3}, " +
            $"--cores {DafnyVerifier.SolverCores}, two files at a time; prints each " +
            "file with result and time, last line 'verify: N verified, M errors'");
        command.SetAction(parse =>
        {
            var (_, errors) = new DafnyVerifier(GlobalOptions.Workspace(parse)).VerifyAll();
            return errors == 0 ? 0 : 1;
        });
        return command;
    }
}
