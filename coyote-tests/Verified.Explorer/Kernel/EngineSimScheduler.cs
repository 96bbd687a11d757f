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

    public int NextEvent(ReadOnlySpan<SimEvent> enabled, long step) => _runtime.RandomInteger(enabled.Length);

    public bool PreemptAt(int threadId, long step) => _runtime.RandomBoolean();
}
