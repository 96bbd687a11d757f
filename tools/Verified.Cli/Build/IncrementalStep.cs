using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Verified.Cli.Infrastructure;

namespace Verified.Cli.Build;

/// <summary>
/// One build step that runs only when its inputs or its command changed: a stamp file holds a hash over the command
/// line and the contents of every input, and the step is skipped when the stamp matches and every output exists.
/// Content hashes (not times) keep a fresh clone, a touched file or a regenerated but identical file from rebuilding.
/// </summary>
internal sealed class IncrementalStep
{
    private readonly Workspace _workspace;

    public IncrementalStep(Workspace workspace, string name, IEnumerable<string> inputs, IEnumerable<string> outputs,
        IEnumerable<string> command)
    {
        _workspace = workspace;
        Name = name;
        Inputs = inputs.ToList();
        Outputs = outputs.ToList();
        Command = command.ToList();
    }

    public string Name { get; }

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Everything besides the inputs that decides the outputs (tool versions, flags, defines).</summary>
    public IReadOnlyList<string> Command { get; }

    private string StampPath => _workspace.Build("stamps", Name.Replace('/', '_') + ".sha256");

    /// <summary>Runs <paramref name="action"/> unless the step is up to date. Returns true if it ran.</summary>
    public bool Run(string verb, Action action)
    {
        string hash = ComputeHash();
        if (Outputs.All(File.Exists) && File.Exists(StampPath) && File.ReadAllText(StampPath) == hash)
        {
            Log.Info(verb, $"{Name}: up to date");
            return false;
        }
        // A failed step must not leave a stamp that claims success.
        if (File.Exists(StampPath))
        {
            File.Delete(StampPath);
        }
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        action();
        foreach (string output in Outputs.Where(o => !File.Exists(o)))
        {
            throw new CliException($"{Name}: expected output {_workspace.Display(output)} was not produced");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(StampPath)!);
        File.WriteAllText(StampPath, hash);
        Log.Info(verb, $"{Name}: built in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        return true;
    }

    private string ComputeHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string part in Command)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(part + "\0"));
        }
        foreach (string input in Inputs)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(_workspace.Display(input) + "\0"));
            sha.AppendData(File.Exists(input) ? SHA256.HashData(File.ReadAllBytes(input)) : [0]);
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
