// The X64-only scenarios of the selftest task: what a misbehaving program can do to the booted kernel, each
// contained (docs/abi.md section 7; issue: robustness in QEMU). They need machine code, so Sim has no copy of them.
using Verified.User.Scenarios;

namespace Verified.User.Robustness
{
    internal static class RobustnessList
    {
        public static Scenario[] All()
        {
            Scenario[] faults = FaultScenario.All();
            var all = new Scenario[faults.Length + 4];
            for (int i = 0; i < faults.Length; i++)
            {
                all[i] = faults[i];
            }
            all[faults.Length] = new SpinScenario();
            all[faults.Length + 1] = new GarbageArgumentsScenario();
            all[faults.Length + 2] = new RedirectScenario();
            all[faults.Length + 3] = new KernelStringScenario();
            return all;
        }
    }
}
