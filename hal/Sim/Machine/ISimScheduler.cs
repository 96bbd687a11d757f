// The single source of nondeterminism of the simulated machine. Every choice the real world would make (which
// runnable thread runs, whether the timer fires before its deadline is reached by the clock, when a device
// interrupts, whether a long kernel operation is preempted at a preemption point) is asked here and nowhere else,
// so a run is a pure function of the scheduler's answers: replaying the answers replays the run.
using System;

namespace Verified.Hal.Sim.Machine
{
    public interface ISimScheduler
    {
        /// <summary>Picks what happens next among <paramref name="enabled"/> (at least two events, in a stable order:
        /// runnable threads by id, then the timer if armed, then devices by id); returns its index.
        /// <paramref name="step"/> counts the machine's steps so far.</summary>
        int NextEvent(ReadOnlySpan<SimEvent> enabled, long step);

        /// <summary>A long kernel operation of thread <paramref name="threadId"/> reached a preemption point (for example
        /// between two chunks of a string copy): true preempts it there (pending interrupts are taken and the scheduler
        /// picks again), false lets it go on.</summary>
        bool PreemptAt(int threadId, long step);
    }
}
