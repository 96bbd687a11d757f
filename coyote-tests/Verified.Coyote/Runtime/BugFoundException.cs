using System;

namespace Verified.Coyote.Runtime;

/// <summary>Thrown into the running operation when an assertion fails, to stop its body at once.</summary>
public sealed class AssertionFailureException : Exception
{
    public AssertionFailureException(string message) : base(message)
    {
    }
}

/// <summary>
/// Thrown into an operation that is resumed after its iteration ended (a bug was found elsewhere or the step bound was
/// reached), so that its body unwinds without running further user code.
/// </summary>
internal sealed class IterationEndedException : Exception
{
    public IterationEndedException() : base("the iteration ended")
    {
    }
}
