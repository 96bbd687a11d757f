using System;
using System.Collections.Generic;
using Verified.Coyote.Runtime;
using Verified.Hal.Sim.Machine;

namespace Verified.Explorer.Kernel;

/// <summary>
/// The machine's two sources of nondeterminism answered by the engine, so every strategy explores a SimMachine run and
/// a trace replays it. Each machine event source is an external operation of the engine (ControlledRuntime
/// .CreateExternalOperation), made when it is first enabled and named after it: a Sim thread by its name, the timer
/// "timer", a device "device N". The machine's choice of the next event is the engine's choice among their operations
/// (an <c>op</c> decision, so PCT's priorities and change points apply to the kernel's threads); a preemption point
/// inside a long transfer is a <c>bool</c>. The machine asks only when there is a real choice, and the enabled events
/// come in a stable order (threads by id, timer, devices), so operation ids follow the schedule and replay.
/// </summary>
public sealed class EngineSimScheduler : ISimScheduler
{
    private readonly ControlledRuntime _runtime;
    private readonly List<ControlledOperation> _choices = [];
    private ControlledOperation?[] _threads = new ControlledOperation?[8];
    private ControlledOperation?[] _devices = new ControlledOperation?[2];
    private ControlledOperation? _timer;
    private bool _timerRanLast;

    public EngineSimScheduler(ControlledRuntime runtime) => _runtime = runtime;

    /// <summary>The machine this scheduler drives: names the operations of its threads.</summary>
    public SimMachine? Machine { get; set; }

    /// <summary>Whether firing the timer early can change anything now (some thread waits with a deadline). When it
    /// cannot, a timer that just fired yields (ControlledRuntime.Deprioritize): under PCT an always-armed timer with
    /// the top priority would otherwise fire forever and starve every thread.</summary>
    public Func<bool>? TimeMatters { get; set; }

    public int NextEvent(ReadOnlySpan<SimEvent> enabled, long step)
    {
        if (_timerRanLast && _timer is not null && TimeMatters?.Invoke() != true)
        {
            _runtime.Deprioritize(_timer);
        }
        _choices.Clear();
        for (int i = 0; i < enabled.Length; i++)
        {
            _choices.Add(OperationOf(enabled[i]));
        }
        ControlledOperation chosen = _runtime.ScheduleExternal(_choices);
        _timerRanLast = ReferenceEquals(chosen, _timer);
        for (int i = 0; i < _choices.Count; i++)
        {
            if (ReferenceEquals(_choices[i], chosen))
            {
                return i;
            }
        }
        throw new InvalidOperationException($"the strategy chose {chosen}, which was not offered");
    }

    public bool PreemptAt(int threadId, long step) =>
        _runtime.RandomBoolean(preempt => $"{(preempt ? "preempt" : "continue")} {ThreadName(threadId)}");

    private ControlledOperation OperationOf(SimEvent e)
    {
        switch (e.Kind)
        {
            case SimEventKind.Thread:
                return Slot(ref _threads, e.Id) ??= _runtime.CreateExternalOperation(ThreadName(e.Id));
            case SimEventKind.Timer:
                return _timer ??= _runtime.CreateExternalOperation("timer");
            case SimEventKind.Device:
                return Slot(ref _devices, e.Id) ??= _runtime.CreateExternalOperation($"device {e.Id}");
            default:
                throw new ArgumentOutOfRangeException(nameof(e), $"{e} is not an event the machine chooses");
        }
    }

    private static ref ControlledOperation? Slot(ref ControlledOperation?[] operations, int id)
    {
        if (id >= operations.Length)
        {
            Array.Resize(ref operations, Math.Max(id + 1, operations.Length * 2));
        }
        return ref operations[id];
    }

    private string ThreadName(int id) => Machine is { } machine ? machine.Thread(id).Name : $"thread {id}";
}
