// The default scheduler: uniform random choices from a SplitMix64 stream, so a run is reproducible from its seed.
using System;

namespace Verified.Hal.Sim.Machine
{
    public sealed class RandomSimScheduler : ISimScheduler
    {
        private readonly int _preemptOneIn;
        private SplitMix64 _random;

        /// <param name="seed">The whole run follows from it.</param>
        /// <param name="preemptOneIn">A preemption point preempts with probability 1/preemptOneIn (0: never).</param>
        public RandomSimScheduler(ulong seed, int preemptOneIn = 4)
        {
            if (preemptOneIn < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(preemptOneIn));
            }
            Seed = seed;
            _preemptOneIn = preemptOneIn;
            _random = new SplitMix64(seed);
        }

        public ulong Seed { get; }

        public int NextEvent(ReadOnlySpan<SimEvent> enabled, long step) => _random.Next(enabled.Length);

        public bool PreemptAt(int threadId, long step) => _preemptOneIn != 0 && _random.Next(_preemptOneIn) == 0;
    }
}
