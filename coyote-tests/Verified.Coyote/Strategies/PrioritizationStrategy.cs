using System.Collections.Generic;
using Verified.Coyote.Runtime;

namespace Verified.Coyote.Strategies;

/// <summary>
/// PCT (probabilistic concurrency testing, Burckhardt et al.): every operation gets a random priority when first seen;
/// the highest-priority enabled operation always runs; at <c>depth - 1</c> random steps the running operation drops to
/// the lowest priority. A bug of depth d is found with probability at least 1/(n k^(d-1)) per iteration.
/// The fair variant switches to random scheduling after <see cref="_unfairSteps"/> steps, so every operation runs
/// eventually and hot monitors can be judged.
/// </summary>
public sealed class PrioritizationStrategy : ISchedulingStrategy
{
    private readonly ulong _seed;
    private readonly int _depth;
    private readonly bool _fair;
    private readonly int _unfairSteps;
    private readonly List<int> _priorities = []; // operation ids, highest priority first
    private readonly HashSet<int> _changePoints = [];
    private DeterministicRandom _random;
    private int _longestSchedule = 10;

    public PrioritizationStrategy(ulong seed, int depth, bool fair, int unfairSteps)
    {
        _seed = seed;
        _depth = depth < 1 ? 1 : depth;
        _fair = fair;
        _unfairSteps = unfairSteps;
        _random = new DeterministicRandom(seed);
    }

    public string Name => _fair ? "fair-pct" : "pct";

    public bool IsFair => _fair;

    public bool InitializeIteration(int iteration)
    {
        _random = DeterministicRandom.ForIteration(_seed, iteration);
        _priorities.Clear();
        _changePoints.Clear();
        // Change points are drawn over the longest schedule seen so far: the best estimate of the next one's length.
        int range = _fair ? System.Math.Min(_longestSchedule, _unfairSteps) : _longestSchedule;
        while (_changePoints.Count < System.Math.Min(_depth - 1, range))
        {
            _changePoints.Add(_random.Next(range));
        }
        return true;
    }

    public ControlledOperation NextOperation(IReadOnlyList<ControlledOperation> enabled, ControlledOperation? current, int step)
    {
        _longestSchedule = System.Math.Max(_longestSchedule, step + 1);
        foreach (ControlledOperation operation in enabled)
        {
            if (!_priorities.Contains(operation.Id))
            {
                _priorities.Insert(_random.Next(_priorities.Count + 1), operation.Id);
            }
        }
        if (_fair && step >= _unfairSteps)
        {
            return enabled[_random.Next(enabled.Count)];
        }
        ControlledOperation highest = Highest(enabled);
        if (_changePoints.Contains(step))
        {
            _priorities.Remove(highest.Id);
            _priorities.Add(highest.Id);
            highest = Highest(enabled);
        }
        return highest;
    }

    /// <summary>A yielding operation drops to the lowest priority, as at a change point (one not seen yet starts
    /// there).</summary>
    public void Deprioritize(ControlledOperation operation)
    {
        _priorities.Remove(operation.Id);
        _priorities.Add(operation.Id);
    }

    public bool NextBoolean(int step) => _random.NextBoolean();

    public int NextInteger(int maxExclusive, int step) => _random.Next(maxExclusive);

    private ControlledOperation Highest(IReadOnlyList<ControlledOperation> enabled)
    {
        foreach (int id in _priorities)
        {
            foreach (ControlledOperation operation in enabled)
            {
                if (operation.Id == id)
                {
                    return operation;
                }
            }
        }
        return enabled[0];
    }
}
