using Verified.Coyote.Runtime;

namespace Verified.Coyote.Specifications;

/// <summary>Safety and liveness checks a test states inside the code under test (Coyote's Specification).</summary>
public static class Specification
{
    /// <summary>Fails the iteration with <paramref name="message"/> when <paramref name="predicate"/> is false.</summary>
    public static void Assert(bool predicate, string message)
    {
        if (predicate)
        {
            return;
        }
        ControlledRuntime? runtime = ControlledRuntime.CurrentOrNull;
        runtime?.ReportBug(message);
        throw new AssertionFailureException(message);
    }

    /// <summary>Sends an event to every registered monitor of type <typeparamref name="TMonitor"/>.</summary>
    public static void Monitor<TMonitor>(MonitorEvent monitorEvent) where TMonitor : Monitor =>
        ControlledRuntime.Current.Notify<TMonitor>(monitorEvent);
}
