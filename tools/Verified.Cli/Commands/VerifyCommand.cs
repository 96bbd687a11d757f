using System.CommandLine;
using Verified.Cli.Verification;

namespace Verified.Cli.Commands;

/// <summary><c>verified verify</c>: Dafny verification of spec/ and proofs/ under the CI resource limit.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify",
            $"Verify every .dfy file in spec/ and proofs/ (z3 at /usr/bin/z3, {VerificationLimits.Cores} cores, " +
            $"resource limit {VerificationLimits.ResourceLimit} per procedure); prints each file with result and time");
        command.SetAction(parse =>
        {
            var (_, errors) = new DafnyVerifier(GlobalOptions.Workspace(parse)).VerifyAll();
            return errors == 0 ? 0 : 1;
        });
        return command;
    }
}
