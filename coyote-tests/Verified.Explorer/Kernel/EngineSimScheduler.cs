using System;
using Verified.Coyote.Runtime;
using Verified.Hal.Sim.Machine;

namespace Verified.Explorer.Kernel;

/// <summary>
/// The machine's two sources of nondeterminism answered by the engine's decisions, so every strategy explores a
/// SimMachine run and a trace of decisions replays it: the machine asks only when there is a real choice, and the
/// enabled events come in a stable order (threads by id, timer, devices), so decision i means the same event on
/// replay.
/// </summary>
public sealed class EngineSimScheduler : ISimScheduler
{
    private readonly ControlledRuntime _runtime;

    public EngineSimScheduler(ControlledRuntime runtime) => _runtime = runtime;

    /// <summary>The machine this scheduler drives: names its threads in a replay's step-by-step output.</summary>
    public SimMachine? Machine { get; set; }

    public int NextEvent(ReadOnlySpan<SimEvent> enabled, long step)
    {
        if (!_runtime.IsWatched)
        {
            return _runtime.RandomInteger(enabled.Length);
        }
        SimEvent[] events = enabled.ToArray();
        return _runtime.RandomInteger(enabled.Length, i => Describe(events[i]));
    }

    public bool PreemptAt(int threadId, long step) =>
        _runtime.RandomBoolean(preempt => $"{(preempt ? "preempt" : "continue")} {Describe(SimEvent.Thread(threadId))}");

    private string Describe(SimEvent e) => e.Kind == SimEventKind.Thread && Machine is { } machine
        ? $"thread {machine.Thread(e.Id).Name}"
        : e.ToString();
}
