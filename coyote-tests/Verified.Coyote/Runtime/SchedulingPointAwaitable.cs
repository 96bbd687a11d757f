using System;
using System.Runtime.CompilerServices;

namespace Verified.Coyote.Runtime;

/// <summary>
/// <c>await runtime.SchedulingPoint()</c>: the awaiting operation stops here and the scheduler decides who runs next.
/// With <c>block</c> set, the operation stays disabled until another one unblocks it.
/// </summary>
public readonly struct SchedulingPointAwaitable : INotifyCompletion
{
    private readonly ControlledRuntime _runtime;
    private readonly string? _blockedOn;

    internal SchedulingPointAwaitable(ControlledRuntime runtime, string? blockedOn)
    {
        _runtime = runtime;
        _blockedOn = blockedOn;
    }

    public SchedulingPointAwaitable GetAwaiter() => this;

    public bool IsCompleted => false;

    public void OnCompleted(Action continuation) => _runtime.Pause(continuation, _blockedOn);

    public void GetResult() => _runtime.ThrowIfIterationEnded();
}
