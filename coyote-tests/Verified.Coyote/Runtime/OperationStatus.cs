namespace Verified.Coyote.Runtime;

/// <summary>Where a controlled operation stands between two scheduling decisions.</summary>
public enum OperationStatus
{
    /// <summary>Paused at a scheduling point; the scheduler may resume it.</summary>
    Enabled,

    /// <summary>Running its current step.</summary>
    Running,

    /// <summary>Waiting for something another operation must do (<see cref="ControlledOperation.BlockedOn"/>).</summary>
    Blocked,

    /// <summary>Its body returned or failed.</summary>
    Completed,

    /// <summary>Run by an external scheduler (a simulated machine's threads, timer and devices): it has no body, the
    /// engine's own loop never picks it, and it is chosen only through <see cref="ControlledRuntime.ScheduleExternal"/>.
    /// </summary>
    External,
}
