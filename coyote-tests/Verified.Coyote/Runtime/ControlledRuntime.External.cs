using System;
using System.Collections.Generic;

namespace Verified.Coyote.Runtime;

/// <summary>
/// Operations run by an external scheduler: a simulated machine runs its threads, timer and devices itself, inside
/// one controlled operation, and asks the engine only which of them goes next. Each such thread is an operation of
/// its own, so that priority-based strategies (PCT) give it a priority and change points, and its choice is an
/// ordinary scheduling decision (<c>op 3 # receiver</c>): recorded, replayed, checked for divergence, branched on by
/// dfs, counted as a step and cut off by the step bound, exactly like the engine's own operations.
/// </summary>
public sealed partial class ControlledRuntime
{
    private ControlledOperation? _lastExternal;

    /// <summary>Creates an operation without a body that only <see cref="ScheduleExternal"/> picks. Its id follows
    /// creation order, so an external scheduler that creates its operations in a deterministic order (for example when
    /// each first becomes enabled) gets the same ids on replay.</summary>
    public ControlledOperation CreateExternalOperation(string name)
    {
        var operation = new ControlledOperation(_operations.Count + 1, name) { Status = OperationStatus.External };
        _operations.Add(operation);
        return operation;
    }

    /// <summary>The strategy picks which of <paramref name="enabled"/> (external operations, in the external
    /// scheduler's stable order, at least one) runs next: a scheduling step of this iteration. Ends the iteration (an
    /// exception that unwinds the caller) when it already ended, or at the step bound.</summary>
    public ControlledOperation ScheduleExternal(IReadOnlyList<ControlledOperation> enabled)
    {
        if (enabled.Count == 0)
        {
            throw new ArgumentException("an external choice needs at least one operation", nameof(enabled));
        }
        for (int i = 0; i < enabled.Count; i++)
        {
            if (enabled[i].Status != OperationStatus.External)
            {
                throw new ArgumentException($"{enabled[i]} is not an external operation", nameof(enabled));
            }
        }
        // The step before this one has run: judge hot monitors as the engine's own loop does after each step.
        CheckMonitorTemperature();
        ThrowIfIterationEnded();
        if (Steps >= _configuration.MaxSchedulingSteps)
        {
            ReachedStepBound = true;
            CheckLivenessAtBound();
            _ended = true;
            throw new IterationEndedException();
        }
        ControlledOperation next = _strategy.NextOperation(enabled, _lastExternal, Steps);
        Record(Decision.Schedule(next.Id), next.Name);
        Steps++;
        _lastExternal = next;
        return next;
    }

    /// <summary><paramref name="operation"/> yields: it could run but has nothing useful to do now (a timer that would
    /// fire for nobody). Priority-based strategies move it below every other operation, so that an operation that is
    /// always enabled cannot starve the others; strategies without priorities ignore it. A function of the run, so
    /// replay needs no record of it.</summary>
    public void Deprioritize(ControlledOperation operation) => _strategy.Deprioritize(operation);
}
