using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace Verified.Cli.Infrastructure;

/// <summary>The result of a child process: its exit status, everything it printed, and whether it was killed.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, bool TimedOut, TimeSpan Elapsed);

/// <summary>Runs child processes with arguments passed as a list (never through a shell).</summary>
internal static class ProcessRunner
{
    /// <param name="echo">Called with every output line as it arrives (null: print nothing).</param>
    /// <param name="timeout">Kills the whole process tree when exceeded.</param>
    public static ProcessResult Run(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        Action<string>? echo = null,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<string, string?>? answer = null,
        bool inheritInput = false)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The child reads the user's console itself (an interactive boot), or nothing but what `answer` types.
            RedirectStandardInput = !inheritInput,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Child dotnet processes must not print banners or telemetry notices into parsed output.
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            echo?.Invoke(e.Data);
            // The child's console input, typed in answer to what it printed (a prompt of the booted system).
            if (!inheritInput && answer?.Invoke(e.Data) is { } typed)
            {
                lock (output)
                {
                    try
                    {
                        process.StandardInput.Write(typed);
                        process.StandardInput.Flush();
                    }
                    catch (System.IO.IOException)
                    {
                        // The child has gone: nothing to type into.
                    }
                }
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new CliException($"cannot start '{fileName}': {ex.Message} (run ./verified setup)");
        }
        if (answer is null && !inheritInput)
        {
            process.StandardInput.Close();
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool exited = timeout is null
            ? WaitForever(process)
            : process.WaitForExit((int)Math.Min(int.MaxValue, timeout.Value.TotalMilliseconds));
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        else
        {
            process.WaitForExit(); // drains the asynchronous readers
        }
        string text;
        lock (output)
        {
            text = output.ToString();
        }
        return new ProcessResult(exited ? process.ExitCode : -1, text, !exited, stopwatch.Elapsed);
    }

    private static bool WaitForever(Process process)
    {
        process.WaitForExit();
        return true;
    }

    /// <summary>Runs a tool that must succeed; on failure its output is shown and the verb stops.</summary>
    public static ProcessResult RunChecked(string verb, string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        ProcessResult result = Run(fileName, arguments, workingDirectory);
        if (result.ExitCode != 0)
        {
            Log.Raw(result.Output.TrimEnd());
            throw new CliException($"{verb}: '{fileName}' failed with exit status {result.ExitCode}");
        }
        return result;
    }
}
