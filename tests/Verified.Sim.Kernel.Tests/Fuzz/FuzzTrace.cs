// The kernel events of a run as (thread, syscall number, result word) triples, hashed with 64-bit FNV-1a like
// SimTrace, so that two runs compare in one word. The first events are also kept as text for failure messages.
using System.Collections.Generic;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal sealed class FuzzTrace
    {
        private const ulong FnvOffset = 0xCBF29CE484222325UL;
        private const ulong FnvPrime = 0x100000001B3UL;
        private const int Kept = 64;

        private readonly List<string> _first = new();
        private readonly Dictionary<(ulong Number, ulong Result), long> _outcomes = new();

        public ulong Hash { get; private set; } = FnvOffset;

        public long Count { get; private set; }

        /// <summary>The first events, for a reader comparing two runs by eye.</summary>
        public IReadOnlyList<string> First => _first;

        public void Add(uint thread, ulong number, ulong result)
        {
            ulong h = Hash;
            h = (h ^ thread) * FnvPrime;
            h = (h ^ number) * FnvPrime;
            h = (h ^ result) * FnvPrime;
            Hash = h;
            if (_first.Count < Kept)
            {
                _first.Add($"t{thread}:{number}->0x{result:X}");
            }
            _outcomes[(number, result)] = _outcomes.GetValueOrDefault((number, result)) + 1;
            Count++;
        }

        /// <summary>How often each (syscall, result word) pair came back: what the run reached, for its report.</summary>
        public IReadOnlyDictionary<(ulong Number, ulong Result), long> Outcomes => _outcomes;
    }
}
