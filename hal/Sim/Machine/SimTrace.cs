// The record of a run: every event that happened, in order (steps the scheduler chose, forced timer expiries,
// interrupts taken, preemption decisions), and a 64-bit FNV-1a hash of them that is cheap enough to keep always.
using System.Collections.Generic;

namespace Verified.Hal.Sim.Machine
{
    public sealed class SimTrace
    {
        private const ulong FnvOffset = 0xCBF29CE484222325UL;
        private const ulong FnvPrime = 0x100000001B3UL;

        private readonly List<SimEvent>? _events;

        public SimTrace(bool recordEvents)
        {
            _events = recordEvents ? new List<SimEvent>() : null;
        }

        /// <summary>Hash of every event so far: equal runs have equal hashes.</summary>
        public ulong Hash { get; private set; } = FnvOffset;

        public long Count { get; private set; }

        /// <summary>The events, when recording was asked for; empty otherwise.</summary>
        public IReadOnlyList<SimEvent> Events => _events ?? (IReadOnlyList<SimEvent>)System.Array.Empty<SimEvent>();

        internal void Add(SimEvent e)
        {
            ulong h = Hash;
            h = (h ^ (byte)e.Kind) * FnvPrime;
            h = (h ^ (uint)e.Id) * FnvPrime;
            Hash = h;
            Count++;
            _events?.Add(e);
        }
    }
}
