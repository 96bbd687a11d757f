using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Verified.Coyote.Specifications;
using Verified.Coyote.Strategies;
using Verified.Coyote.SystematicTesting;
using Monitor = Verified.Coyote.Specifications.Monitor;

namespace Verified.Coyote.Runtime;

/// <summary>
/// Runs one iteration of a test: owns the controlled operations, asks the strategy at every scheduling point which one
/// runs next, records every decision, and stops at the first bug (failed assertion, unhandled exception, deadlock,
/// liveness violation). Everything runs on the calling thread.
/// </summary>
public sealed partial class ControlledRuntime
{
    [ThreadStatic]
    private static ControlledRuntime? t_current;

    private readonly ISchedulingStrategy _strategy;
    private readonly Configuration _configuration;
    private readonly List<ControlledOperation> _operations = [];
    private readonly List<Monitor> _monitors = [];
    private readonly ControlledSynchronizationContext _context = new();
    // The enabled operations of the current step, refilled at every step (no allocation per step).
    private readonly List<ControlledOperation> _enabled = [];
    private ControlledOperation? _current;
    private bool _ended;

    internal ControlledRuntime(ISchedulingStrategy strategy, Configuration configuration)
    {
        _strategy = strategy;
        _configuration = configuration;
    }

    /// <summary>The runtime of the iteration running on this thread (for Specification.Assert and monitors).</summary>
    public static ControlledRuntime Current =>
        t_current ?? throw new InvalidOperationException("no controlled test is running on this thread");

    internal static ControlledRuntime? CurrentOrNull => t_current;

    /// <summary>Every decision of this iteration, in order: the schedule a trace file stores.</summary>
    public List<Decision> Decisions { get; } = [];

    public int Steps { get; private set; }

    public string? Bug { get; private set; }

    public bool ReachedStepBound { get; private set; }

    public IReadOnlyList<ControlledOperation> Operations => _operations;

    public ControlledOperation? CurrentOperation => _current;

    /// <summary>Called with every decision as it is taken (a replay prints them step by step).</summary>
    internal Action<TakenDecision>? DecisionTaken { get; init; }

    /// <summary>Creates an operation that starts at a scheduling point: it runs only when the scheduler picks it.</summary>
    public ControlledOperation CreateOperation(string name, Func<Task> body)
    {
        var operation = new ControlledOperation(_operations.Count + 1, name);
        operation.Continuation = () => Start(operation, body);
        _operations.Add(operation);
        return operation;
    }

    /// <summary>Lets the scheduler choose who runs next (every shared-state access worth interleaving).</summary>
    public SchedulingPointAwaitable SchedulingPoint() => new(this, null);

    /// <summary>Disables the current operation until <see cref="Unblock"/>; the reason shows in deadlock reports.</summary>
    public SchedulingPointAwaitable Block(string waitingFor) => new(this, waitingFor);

    /// <summary>Makes a blocked operation schedulable again (it resumes when the scheduler picks it).</summary>
    public void Unblock(ControlledOperation operation)
    {
        if (operation.Status == OperationStatus.Blocked)
        {
            operation.Status = OperationStatus.Enabled;
            operation.BlockedOn = null;
        }
    }

    /// <summary>Waits until <paramref name="operation"/> has completed (a scheduling point either way).</summary>
    public SchedulingPointAwaitable Join(ControlledOperation operation)
    {
        if (operation.Status == OperationStatus.Completed)
        {
            return SchedulingPoint();
        }
        operation.Joiners.Add(_current ?? throw new InvalidOperationException("Join outside a controlled operation"));
        return Block($"{operation} to complete");
    }

    /// <summary>Someone watches the decisions as they are taken (a replay printing them): only then is it worth
    /// describing what a data choice means.</summary>
    public bool IsWatched => DecisionTaken is not null;

    /// <summary>A controlled nondeterministic choice (a timer that may or may not fire, a lost message...);
    /// <paramref name="describe"/> says what the value chosen means, for a watching replay.</summary>
    public bool RandomBoolean(Func<bool, string>? describe = null)
    {
        bool value = _strategy.NextBoolean(Steps);
        Record(Decision.Boolean(value), IsWatched ? describe?.Invoke(value) : null);
        return value;
    }

    /// <summary>A controlled nondeterministic integer in [0, maxExclusive); <paramref name="describe"/> as for
    /// RandomBoolean.</summary>
    public int RandomInteger(int maxExclusive, Func<int, string>? describe = null)
    {
        int value = _strategy.NextInteger(maxExclusive, Steps);
        Record(Decision.Integer(value), IsWatched ? describe?.Invoke(value) : null);
        return value;
    }

    private void Record(Decision decision, string? meaning)
    {
        Decisions.Add(decision);
        DecisionTaken?.Invoke(new TakenDecision(Decisions.Count, decision, meaning));
    }

    public void RegisterMonitor(Monitor monitor)
    {
        monitor.Attach(this);
        _monitors.Add(monitor);
    }

    internal void Notify<TMonitor>(MonitorEvent monitorEvent) where TMonitor : Monitor
    {
        foreach (Monitor monitor in _monitors)
        {
            if (monitor is TMonitor)
            {
                monitor.Dispatch(monitorEvent);
            }
        }
    }

    /// <summary>Records the first bug of the iteration; later ones are consequences of it.</summary>
    internal void ReportBug(string message)
    {
        Bug ??= message;
        _ended = true;
    }

    internal void ThrowIfIterationEnded()
    {
        if (_ended)
        {
            throw new IterationEndedException();
        }
    }

    /// <summary>Runs the test entry and then schedules until every operation completed, a bug, or the step bound.</summary>
    internal void Run(Func<ControlledRuntime, Task> test)
    {
        SynchronizationContext? previousContext = SynchronizationContext.Current;
        ControlledRuntime? previousRuntime = t_current;
        SynchronizationContext.SetSynchronizationContext(_context);
        t_current = this;
        try
        {
            CreateOperation("test", () => test(this));
            Schedule();
        }
        finally
        {
            t_current = previousRuntime;
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }
    }

    private void Schedule()
    {
        while (!_ended)
        {
            List<ControlledOperation> enabled = _enabled;
            enabled.Clear();
            foreach (ControlledOperation operation in _operations)
            {
                if (operation.Status == OperationStatus.Enabled)
                {
                    enabled.Add(operation);
                }
            }
            if (enabled.Count == 0)
            {
                CheckQuiescence();
                return;
            }
            if (Steps >= _configuration.MaxSchedulingSteps)
            {
                ReachedStepBound = true;
                CheckLivenessAtBound();
                return;
            }
            ControlledOperation next = _strategy.NextOperation(enabled, _current, Steps);
            Record(Decision.Schedule(next.Id), next.Name);
            Steps++;
            RunStep(next);
            CheckMonitorTemperature();
        }
    }

    private void RunStep(ControlledOperation operation)
    {
        _current = operation;
        operation.Status = OperationStatus.Running;
        Action continuation = operation.Continuation!;
        operation.Continuation = null;
        continuation();
        _context.Drain();
        if (operation.Status == OperationStatus.Running)
        {
            // It neither paused at a scheduling point nor finished: it awaits something the engine does not control.
            if (operation.Body is { IsCompleted: true })
            {
                Complete(operation);
            }
            else
            {
                ReportBug($"operation {operation} awaits something outside the engine's control " +
                    "(only SchedulingPoint/Block and tasks of controlled operations may be awaited)");
            }
        }
    }

    private void Start(ControlledOperation operation, Func<Task> body)
    {
        try
        {
            operation.Body = body();
        }
        catch (Exception ex)
        {
            // A body that is not an async method throws instead of returning a faulted task.
            operation.Body = Task.FromException(ex);
        }
    }

    internal void Pause(Action continuation, string? blockedOn)
    {
        ControlledOperation operation = _current
            ?? throw new InvalidOperationException("scheduling point outside a controlled operation");
        operation.Continuation = continuation;
        operation.Status = blockedOn is null ? OperationStatus.Enabled : OperationStatus.Blocked;
        operation.BlockedOn = blockedOn;
    }

    private void Complete(ControlledOperation operation)
    {
        operation.Status = OperationStatus.Completed;
        foreach (ControlledOperation joiner in operation.Joiners)
        {
            Unblock(joiner);
        }
        Exception? failure = operation.Body!.Exception?.GetBaseException();
        if (failure is null or IterationEndedException)
        {
            return;
        }
        ReportBug(failure is AssertionFailureException
            ? failure.Message
            : $"unhandled {failure.GetType().Name} in {operation}: {failure.Message}");
    }

    /// <summary>Nothing can run: either every operation finished (check liveness) or the rest wait forever.</summary>
    private void CheckQuiescence()
    {
        List<ControlledOperation> blocked = _operations.Where(o => o.Status == OperationStatus.Blocked).ToList();
        if (blocked.Count > 0)
        {
            ReportBug("deadlock: " + string.Join("; ", blocked.Select(o => $"{o} waits for {o.BlockedOn}")));
            return;
        }
        foreach (Monitor monitor in _monitors.Where(m => m.IsHot))
        {
            ReportBug($"liveness: monitor {monitor.GetType().Name} ends in hot state '{monitor.CurrentState}'");
        }
    }

    /// <summary>Under a fair strategy, a monitor still hot when the step bound is hit is a liveness violation.</summary>
    private void CheckLivenessAtBound()
    {
        if (!_strategy.IsFair)
        {
            return;
        }
        foreach (Monitor monitor in _monitors.Where(m => m.IsHot))
        {
            ReportBug($"liveness: monitor {monitor.GetType().Name} is still in hot state '{monitor.CurrentState}' " +
                $"after {Steps} fair steps");
        }
    }

    private void CheckMonitorTemperature()
    {
        if (!_strategy.IsFair)
        {
            return;
        }
        foreach (Monitor monitor in _monitors)
        {
            if (monitor.IsHot && Steps - monitor.HotSinceStep > _configuration.LivenessTemperatureThreshold)
            {
                ReportBug($"liveness: monitor {monitor.GetType().Name} stayed in hot state '{monitor.CurrentState}' " +
                    $"for more than {_configuration.LivenessTemperatureThreshold} fair steps");
            }
        }
    }
}
