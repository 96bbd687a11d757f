using System.Collections.Generic;
using Verified.Coyote.Runtime;

namespace Verified.Coyote.Strategies;

/// <summary>
/// Follows a recorded schedule decision by decision. When the program asks for something the trace does not hold
/// (another operation enabled, another kind of decision, the trace exhausted) the replay has diverged: the program
/// changed since the trace was written. The first divergence is kept and reported; scheduling then continues with
/// the first enabled operation so the run still ends.
/// </summary>
public sealed class ReplayStrategy : ISchedulingStrategy
{
    private readonly IReadOnlyList<Decision> _decisions;
    private int _next;

    /// <param name="fair">Whether the recorded strategy was fair: liveness is judged as it was when recording.</param>
    public ReplayStrategy(IReadOnlyList<Decision> decisions, bool fair)
    {
        _decisions = decisions;
        IsFair = fair;
    }

    public string Name => "replay";

    public bool IsFair { get; }

    /// <summary>Where and how the program left the recorded schedule, if it did.</summary>
    public string? Divergence { get; private set; }

    /// <summary>Decisions of the trace not used by the replay.</summary>
    public int Unused => _decisions.Count - _next;

    public bool InitializeIteration(int iteration)
    {
        _next = 0;
        Divergence = null;
        return iteration == 0;
    }

    public ControlledOperation NextOperation(IReadOnlyList<ControlledOperation> enabled, ControlledOperation? current, int step)
    {
        Decision? expected = Take(DecisionKind.Schedule, step);
        if (expected is { } decision)
        {
            foreach (ControlledOperation operation in enabled)
            {
                if (operation.Id == decision.Value)
                {
                    return operation;
                }
            }
            Diverge(step, $"trace schedules operation {decision.Value}, which is not enabled " +
                $"(enabled: {string.Join(", ", enabled)})");
        }
        return enabled[0];
    }

    public bool NextBoolean(int step) => Take(DecisionKind.Boolean, step) is { } d ? d.Value == 1 : false;

    public int NextInteger(int maxExclusive, int step)
    {
        if (Take(DecisionKind.Integer, step) is { } d)
        {
            if (d.Value < maxExclusive)
            {
                return d.Value;
            }
            Diverge(step, $"trace holds int {d.Value}, out of range [0, {maxExclusive})");
        }
        return 0;
    }

    private Decision? Take(DecisionKind kind, int step)
    {
        if (_next >= _decisions.Count)
        {
            Diverge(step, "the trace ended but the program asked for another decision");
            return null;
        }
        Decision decision = _decisions[_next++];
        if (decision.Kind != kind)
        {
            Diverge(step, $"trace holds '{decision}' but the program asked for a {kind.ToString().ToLowerInvariant()} decision");
            return null;
        }
        return decision;
    }

    private void Diverge(int step, string message) => Divergence ??= $"replay diverged at step {step}: {message}";
}
