using System;

namespace Verified.Cli.Infrastructure;

/// <summary>Console output of the command line: every line names the verb that prints it.</summary>
internal static class Log
{
    private static readonly object s_lock = new();

    public static void Info(string verb, string message) => Write(Console.Out, $"{verb}: {message}");

    public static void Error(string verb, string message) => Write(Console.Error, $"{verb}: error: {message}");

    /// <summary>Passes a line of a child process through unchanged (serial output, compiler diagnostics).</summary>
    public static void Raw(string line) => Write(Console.Out, line);

    private static void Write(System.IO.TextWriter writer, string line)
    {
        lock (s_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
