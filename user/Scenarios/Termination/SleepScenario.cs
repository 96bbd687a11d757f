// Sleep: an IPC with neither phase ends with OK at its timeout, zero or relative.
using Verified.User.Library;

namespace Verified.User.Scenarios.Termination
{
    public sealed class SleepScenario : Scenario
    {
        public SleepScenario() : base("sleep")
        {
        }

        public override void Run(Check check)
        {
            check.Equal(ResultWord.Ok, Ipc.Sleep(Timeout.Zero).Result, "sleep, zero");
            check.Equal(ResultWord.Ok, Ipc.Sleep(Timeout.Ticks(1)).Result, "sleep, 1 tick");
            check.Equal(ResultWord.Ok, Ipc.Sleep(Timeout.Ticks(7)).Result, "sleep, 7 ticks");
        }
    }
}
