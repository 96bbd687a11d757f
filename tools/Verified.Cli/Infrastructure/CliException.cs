using System;

namespace Verified.Cli.Infrastructure;

/// <summary>A failure the user can act on: printed as one message, without a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message) : base(message)
    {
    }
}
