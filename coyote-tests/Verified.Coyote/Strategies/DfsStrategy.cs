using System.Collections.Generic;
using Verified.Coyote.Runtime;

namespace Verified.Coyote.Strategies;

/// <summary>
/// Bounded depth-first search over every decision (scheduling and data): each iteration replays the current prefix
/// and takes the first untried branch below it. Exhaustive up to the step bound, so it suits small scenarios; it
/// reports exhaustion by refusing the next iteration.
/// </summary>
public sealed class DfsStrategy : ISchedulingStrategy
{
    private readonly List<(int Count, int Index)> _stack = [];
    private int _depth;

    public string Name => "dfs";

    public bool IsFair => false;

    public bool InitializeIteration(int iteration)
    {
        if (iteration > 0 && !Backtrack())
        {
            return false;
        }
        _depth = 0;
        return true;
    }

    public ControlledOperation NextOperation(IReadOnlyList<ControlledOperation> enabled, ControlledOperation? current, int step) =>
        enabled[Choose(enabled.Count)];

    public bool NextBoolean(int step) => Choose(2) == 1;

    public int NextInteger(int maxExclusive, int step) => Choose(maxExclusive < 1 ? 1 : maxExclusive);

    private int Choose(int count)
    {
        if (_depth == _stack.Count)
        {
            _stack.Add((count, 0));
        }
        // Deterministic replay of the prefix relies on the choice having as many branches as last time.
        (int _, int index) = _stack[_depth];
        _stack[_depth] = (count, index < count ? index : count - 1);
        return _stack[_depth++].Index;
    }

    /// <summary>Moves to the next unexplored branch; false when the whole tree (within the bound) is done.</summary>
    private bool Backtrack()
    {
        // Decisions below the depth reached last time were never taken: forget them.
        _stack.RemoveRange(_depth, _stack.Count - _depth);
        while (_stack.Count > 0)
        {
            (int count, int index) = _stack[^1];
            if (index + 1 < count)
            {
                _stack[^1] = (count, index + 1);
                return true;
            }
            _stack.RemoveAt(_stack.Count - 1);
        }
        return false;
    }
}
