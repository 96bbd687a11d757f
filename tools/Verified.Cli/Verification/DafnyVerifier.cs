using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Verification;

/// <summary>Runs the Dafny verifier over every .dfy file of spec/ and proofs/, each file in its own Dafny run.</summary>
internal sealed class DafnyVerifier
{
    private const string Verb = "verify";

    /// <summary>Solver threads per Dafny run (--cores): the CI machines have two cores.</summary>
    public const int SolverCores = 2;
    private static readonly string[] s_folders = ["spec", "proofs"];

    private readonly Workspace _workspace;
    private readonly Toolchain _toolchain;

    public DafnyVerifier(Workspace workspace)
    {
        _workspace = workspace;
        _toolchain = new Toolchain(workspace);
    }

    public IReadOnlyList<string> SourceFiles() =>
        s_folders.SelectMany(folder => _workspace.Files(folder, "*.dfy")).ToList();

    /// <summary>Verifies every file; prints each with its result and time, and a last summary line.</summary>
    /// <returns>The number of verified procedures and the number of errors.</returns>
    public (int Verified, int Errors) VerifyAll()
    {
        IReadOnlyList<string> files = SourceFiles();
        if (files.Count == 0)
        {
            throw new CliException("no .dfy files under spec/ or proofs/");
        }
        // Two files verify side by side, so Dafny's start-up (about a second per file) overlaps with solving; each
        // run may use both cores (--cores 2) for its procedures.
        int workers = System.Math.Min(SolverCores, files.Count);
        int coresPerFile = SolverCores;
        // Largest files first, each taken by the next free worker: the long proofs start at once instead of
        // queueing behind short ones.
        var outcomes = new DafnyOutcome[files.Count];
        int[] order = Enumerable.Range(0, files.Count)
            .OrderByDescending(i => new FileInfo(files[i]).Length).ToArray();
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = workers },
            i => outcomes[i] = VerifyFile(files[i], coresPerFile));
        int verified = outcomes.Sum(o => o.Verified);
        int errors = outcomes.Sum(o => o.Errors);
        Log.Info(Verb, $"{verified} verified, {errors} errors");
        return (verified, errors);
    }

    private DafnyOutcome VerifyFile(string file, int cores)
    {
        string shown = _workspace.Display(file);
        // Dafny names files as they were passed, so relative paths make its messages read "spec/X.dfy(12,4): Error".
        // It runs from the checkout, where the tool manifest pins it; a tree named by --root is passed by full path.
        string argument = _workspace.SourceRoot == _workspace.RepoRoot ? shown : file;
        DafnyProjectOptions options = DafnyProjectOptions.Nearest(file, _workspace.SourceRoot);
        string[] command = _toolchain.DafnyCommand(["verify", argument, .. options.Flags(cores)]);
        ProcessResult result = ProcessRunner.Run(Toolchain.Dotnet, command, _workspace.RepoRoot);
        DafnyOutcome outcome = DafnyOutcome.Parse(result.Output, result.ExitCode);
        string seconds = result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (result.ExitCode == 0 && outcome.Errors == 0)
        {
            Log.Info(Verb, $"{shown}: ok, {outcome.Verified} verified, {seconds} s (resource limit {options.ResourceLimit})");
        }
        else
        {
            // One write, so that files finishing at the same time do not interleave their diagnostics.
            Log.Info(Verb, $"{shown}: FAILED, {outcome.Verified} verified, {outcome.Errors} errors, {seconds} s\n" +
                string.Join('\n', outcome.Diagnostics.DefaultIfEmpty(result.Output.TrimEnd()).Select(d => "  " + d)));
        }
        return outcome;
    }
}
