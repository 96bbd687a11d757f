using Verified.Coyote.Runtime;

namespace Verified.Coyote.Specifications;

/// <summary>An event a monitor observes.</summary>
public abstract record MonitorEvent;

/// <summary>
/// A liveness or safety monitor (Coyote's Monitor): a small state machine fed with events by the code under test.
/// A hot state means "something is owed" (a sent message not yet received or answered with an error); ending an
/// execution in a hot state, or staying hot too long under a fair schedule, is a liveness bug.
/// </summary>
public abstract class Monitor
{
    private ControlledRuntime? _runtime;

    /// <summary>The current state's name, for reports.</summary>
    public string CurrentState { get; private set; } = "Init";

    public bool IsHot { get; private set; }

    internal int HotSinceStep { get; private set; }

    internal void Attach(ControlledRuntime runtime) => _runtime = runtime;

    internal void Dispatch(MonitorEvent monitorEvent) => OnEvent(monitorEvent);

    /// <summary>Handles an event, typically by moving to a hot or cold state.</summary>
    protected abstract void OnEvent(MonitorEvent monitorEvent);

    protected void GotoHotState(string name)
    {
        if (!IsHot)
        {
            HotSinceStep = _runtime?.Steps ?? 0;
        }
        CurrentState = name;
        IsHot = true;
    }

    protected void GotoColdState(string name)
    {
        CurrentState = name;
        IsHot = false;
    }

    /// <summary>A safety check inside a monitor.</summary>
    protected static void Assert(bool predicate, string message) => Specification.Assert(predicate, message);
}
