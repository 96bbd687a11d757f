using System.Collections.Generic;
using Verified.Coyote.Runtime;

namespace Verified.Coyote.Strategies;

/// <summary>
/// Bounded depth-first search over every decision (scheduling and data): each iteration replays the current prefix
/// and takes the first untried branch below it. It branches on the first <see cref="DepthBound"/> real choices of a
/// schedule only; later ones take the first branch. Without that bound a program whose choices never run out makes
/// the tree infinite, and depth-first order goes down it forever: on the simulated kernel the armed timer can always
/// fire, and each backtrack made a schedule with one more timer interrupt in a row until the run hit its step limit.
/// It reports exhaustion (of every schedule within the bound) by refusing the next iteration.
/// </summary>
public sealed class DfsStrategy : ISchedulingStrategy
{
    private readonly List<(int Count, int Index)> _stack = [];
    private int _depth;

    public DfsStrategy(int depthBound) => DepthBound = depthBound < 1 ? 1 : depthBound;

    /// <summary>Real choices (two or more branches) per schedule that are branched on.</summary>
    public int DepthBound { get; }

    /// <summary>Some schedule had a real choice beyond the bound: exhausting the tree then means every schedule
    /// within the bound, not every schedule.</summary>
    public bool BoundReached { get; private set; }

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
        if (count <= 1)
        {
            // A forced choice is no branch: it follows from the prefix, so it needs no place on the stack and does not
            // count against the bound.
            return 0;
        }
        if (_depth >= DepthBound)
        {
            BoundReached = true;
            return 0;
        }
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
