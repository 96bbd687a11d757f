// The selftest task: every shared scenario (user/Scenarios) and the X64-only robustness scenarios (Robustness/) in
// this task, one line each and "selftest: N passed, M failed" last, then the numbers reported to the root task
// through the service slot. The task starts in the boot
// layout of user/Scenarios/README.md, loaded and paged in by the root task.
using Verified.User.Library;
using Verified.User.Robustness;
using Verified.User.Scenarios;

namespace Verified.User
{
    internal static class Program
    {
        private const ulong ReportLabel = 1;

        public static int Main()
        {
            Scenario[] all = Concat(ScenarioList.All(), RobustnessList.All());
            int failed = Runner.RunAll(all);
            ulong[] report = { (ulong)(all.Length - failed), (ulong)failed };
            IpcResult answer = Ipc.Call(Layout.ServiceSlot, ReportLabel, report);
            if (!answer.IsOk)
            {
                Machine.Print(string.Concat("selftest: the report to the root task failed: ", Text.Hex(answer.Result), "\n"));
            }
            return failed == 0 ? 0 : 1;
        }

        private static Scenario[] Concat(Scenario[] first, Scenario[] second)
        {
            var all = new Scenario[first.Length + second.Length];
            for (int i = 0; i < first.Length; i++)
            {
                all[i] = first[i];
            }
            for (int i = 0; i < second.Length; i++)
            {
                all[first.Length + i] = second[i];
            }
            return all;
        }
    }
}
