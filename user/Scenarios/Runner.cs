// Runs scenarios one after another in the same task, one line each, then "selftest: N passed, M failed". After each
// scenario it sweeps slots 2..62 with CapDelete (63 is the service slot): a capability still there is a leak (a failure of that scenario),
// and deleting it (with the object or thread it was the last of) gives the next scenario the boot layout again.
using Verified.User.Library;

namespace Verified.User.Scenarios
{
    public static class Runner
    {
        /// <summary>Runs <paramref name="scenario"/> and the sweep; the line to print in <paramref name="line"/>.</summary>
        public static bool RunOne(Scenario scenario, out string line)
        {
            var check = new Check();
            scenario.Run(check);
            Sweep(check);
            line = check.Passed
                ? string.Concat("scenario ", scenario.Name, ": ok")
                : string.Concat("scenario ", scenario.Name, ": FAILED: ", check.Failure);
            return check.Passed;
        }

        /// <summary>Every scenario in order; returns how many failed.</summary>
        public static int RunAll(Scenario[] scenarios)
        {
            int passed = 0;
            int failed = 0;
            for (int i = 0; i < scenarios.Length; i++)
            {
                string line;
                if (RunOne(scenarios[i], out line))
                {
                    passed++;
                }
                else
                {
                    failed++;
                }
                Machine.Print(string.Concat(line, "\n"));
            }
            Machine.Print(string.Concat("selftest: ", passed.ToString(), " passed, ", string.Concat(failed.ToString(), " failed\n")));
            return failed;
        }

        private static void Sweep(Check check)
        {
            for (uint slot = Layout.FirstFreeSlot; slot < Layout.ServiceSlot; slot++)
            {
                ulong result = Capabilities.Delete(slot);
                if (result != Errors.CapsEmptySlot)
                {
                    check.Fail(string.Concat("slot ", slot.ToString(), " left behind (its delete gave ", string.Concat(Text.Hex(result), ")")));
                }
            }
        }
    }
}
