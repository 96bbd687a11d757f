// A thread that loops forever at the same priority as the main thread: its timeslice ends and the main thread runs
// again, sleeps and wakes on time, and deletes it.
using Verified.User.Library;
using Verified.User.Scenarios;

namespace Verified.User.Robustness
{
    internal sealed class SpinScenario : Scenario
    {
        public SpinScenario() : base("robust-endless-loop-is-preempted")
        {
        }

        public override void Run(Check check)
        {
            if (check.Equal(ResultWord.Ok, Probes.Start(Probes.Spin), "start the spinner"))
            {
                check.Equal(ResultWord.Ok, Ipc.Sleep(Timeout.Ticks(30)).Result, "sleep beside the spinner");
                ulong state = Threads.StateOf(Probes.Prober);
                check.OneOf(ThreadStates.Ready, ThreadStates.Running, state, "the spinner is still runnable");
            }
            Probes.Stop();
        }
    }
}
