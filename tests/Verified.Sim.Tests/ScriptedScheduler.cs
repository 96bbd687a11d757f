// A scheduler that follows a script: each choice names the event to run by its key, preemption answers come from a
// list; when the script runs out it takes the first enabled event and does not preempt. Records what it was asked.
using System;
using System.Collections.Generic;
using Verified.Hal.Sim.Machine;

namespace Verified.Sim.Tests
{
    internal sealed class ScriptedScheduler : ISimScheduler
    {
        private readonly Queue<SimEvent> _events;
        private readonly Queue<bool> _preemptions;

        public ScriptedScheduler(IEnumerable<SimEvent>? events = null, IEnumerable<bool>? preemptions = null)
        {
            _events = new Queue<SimEvent>(events ?? Array.Empty<SimEvent>());
            _preemptions = new Queue<bool>(preemptions ?? Array.Empty<bool>());
        }

        /// <summary>Answer to preemption points once the list is used up.</summary>
        public bool DefaultPreempt { get; set; }

        public List<SimEvent[]> Offers { get; } = new();

        public int NextEvent(ReadOnlySpan<SimEvent> enabled, long step)
        {
            Offers.Add(enabled.ToArray());
            if (_events.Count == 0)
            {
                return 0;
            }
            SimEvent wanted = _events.Dequeue();
            int index = enabled.IndexOf(wanted);
            if (index < 0)
            {
                throw new InvalidOperationException($"step {step}: script wants {wanted}, enabled: {string.Join(", ", enabled.ToArray())}");
            }
            return index;
        }

        public bool PreemptAt(int threadId, long step) => _preemptions.Count > 0 ? _preemptions.Dequeue() : DefaultPreempt;
    }
}
