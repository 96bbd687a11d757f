using System;
using System.Threading.Tasks;

namespace Verified.Coyote.Runtime;

/// <summary>
/// A unit of concurrency the engine controls: a user thread, the timer, an interrupt source, a preemption point inside
/// a long transfer. Its body is an async method that runs only when the scheduler resumes it, one step at a time.
/// </summary>
public sealed class ControlledOperation
{
    internal ControlledOperation(int id, string name)
    {
        Id = id;
        Name = name;
    }

    /// <summary>Creation order, starting at 1; stable across runs, so traces can name operations by it.</summary>
    public int Id { get; }

    public string Name { get; }

    public OperationStatus Status { get; internal set; } = OperationStatus.Enabled;

    /// <summary>What a blocked operation waits for, in words (deadlock reports print it).</summary>
    public string? BlockedOn { get; internal set; }

    /// <summary>Where the operation resumes when scheduled next.</summary>
    internal Action? Continuation { get; set; }

    internal Task? Body { get; set; }

    /// <summary>Operations blocked in Join on this one.</summary>
    internal System.Collections.Generic.List<ControlledOperation> Joiners { get; } = [];

    public override string ToString() => $"{Name}#{Id}";
}
