// The selftest: every shared scenario (user/Scenarios) in this task, one line each and "selftest: N passed, M
// failed" last. The task must start in the boot layout of user/Scenarios/README.md.
using Verified.User.Scenarios;

namespace Verified.User
{
    internal static class Program
    {
        public static int Main() => Runner.RunAll(ScenarioList.All()) == 0 ? 0 : 1;
    }
}
