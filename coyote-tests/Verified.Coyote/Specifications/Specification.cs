using System.Runtime.CompilerServices;
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

    /// <summary>The same with an interpolated message, which is formatted only when the assertion fails.</summary>
    public static void Assert(bool predicate,
        [InterpolatedStringHandlerArgument(nameof(predicate))] ref AssertMessageHandler message)
    {
        if (predicate)
        {
            return;
        }
        Assert(false, message.ToStringAndClear());
    }

    /// <summary>Sends an event to every registered monitor of type <typeparamref name="TMonitor"/>.</summary>
    public static void Monitor<TMonitor>(MonitorEvent monitorEvent) where TMonitor : Monitor =>
        ControlledRuntime.Current.Notify<TMonitor>(monitorEvent);
}
