// The selftest task: every shared scenario (user/Scenarios) in this task, one line each and "selftest: N passed, M
// failed" last, then the numbers reported to the root task through the service slot. The task starts in the boot
// layout of user/Scenarios/README.md, loaded and paged in by the root task.
using Verified.User.Library;
using Verified.User.Scenarios;

namespace Verified.User
{
    internal static class Program
    {
        private const ulong ReportLabel = 1;

        public static int Main()
        {
            Scenario[] all = ScenarioList.All();
            int failed = Runner.RunAll(all);
            ulong[] report = { (ulong)(all.Length - failed), (ulong)failed };
            IpcResult answer = Ipc.Call(Layout.ServiceSlot, ReportLabel, report);
            if (!answer.IsOk)
            {
                Machine.Print(string.Concat("selftest: the report to the root task failed: ", Text.Hex(answer.Result), "\n"));
            }
            return failed == 0 ? 0 : 1;
        }
    }
}
