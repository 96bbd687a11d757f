// One thing that can happen next on the machine, and (in traces) one thing that did happen.
using System;

namespace Verified.Hal.Sim.Machine
{
    public enum SimEventKind : byte
    {
        /// <summary>A runnable thread runs one step: its user code up to the next kernel entry, or its pending kernel
        /// continuation (a preempted long operation). Id = thread id.</summary>
        Thread,

        /// <summary>The armed timer fires now (the clock jumps to its deadline if that is later). Id = 0.</summary>
        Timer,

        /// <summary>A device raises its interrupt line. Id = device id.</summary>
        Device,

        /// <summary>Trace only: the CPU took interrupt line Id and entered the kernel's handler.</summary>
        Interrupt,

        /// <summary>Trace only: a preemption point of thread Id decided to preempt.</summary>
        Preempt,

        /// <summary>Trace only: a preemption point of thread Id decided to continue.</summary>
        Continue,
    }

    public readonly struct SimEvent : IEquatable<SimEvent>
    {
        public SimEvent(SimEventKind kind, int id)
        {
            Kind = kind;
            Id = id;
        }

        public SimEventKind Kind { get; }

        public int Id { get; }

        /// <summary>A stable integer for schedules and trace files: threads 0.., then negative numbers for the timer
        /// (-1) and devices (-2 - id). Stable across runs of the same scenario because ids follow creation order.</summary>
        public int Key => Kind switch
        {
            SimEventKind.Thread => Id,
            SimEventKind.Timer => -1,
            SimEventKind.Device => -2 - Id,
            _ => int.MinValue + (int)Kind * 0x100_0000 + Id,
        };

        public static SimEvent Thread(int id) => new(SimEventKind.Thread, id);

        public static SimEvent Timer => new(SimEventKind.Timer, 0);

        public static SimEvent Device(int id) => new(SimEventKind.Device, id);

        public bool Equals(SimEvent other) => Kind == other.Kind && Id == other.Id;

        public override bool Equals(object? obj) => obj is SimEvent other && Equals(other);

        public override int GetHashCode() => ((int)Kind << 24) ^ Id;

        public static bool operator ==(SimEvent left, SimEvent right) => left.Equals(right);

        public static bool operator !=(SimEvent left, SimEvent right) => !left.Equals(right);

        public override string ToString() => Kind switch
        {
            SimEventKind.Thread => $"thread {Id}",
            SimEventKind.Timer => "timer",
            SimEventKind.Device => $"device {Id}",
            SimEventKind.Interrupt => $"irq {Id}",
            SimEventKind.Preempt => $"preempt {Id}",
            _ => $"continue {Id}",
        };
    }
}
