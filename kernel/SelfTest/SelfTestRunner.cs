// Runs every self-check and prints one line per check ("check: NAME ... ok") plus the summary line the boot runner
// parses ("checks: N passed, M failed"); the scenarios of the selftest task follow it when a root task runs.
using Verified.Hal.X64;

namespace Verified.Kernel.SelfTest
{
    internal static class SelfTestRunner
    {
        // The runtime and machine checks first (everything else relies on them), then one group per verified core.
        private static SelfCheck[] All() => Concat(new SelfCheck[]
        {
            new AllocatorZeroedCheck(),
            new AllocatorDistinctCheck(),
            new AllocatorAlignedCheck(),
            new VirtualCallCheck(),
            new InterfaceDispatchCheck(),
            new TypeCastCheck(),
            new StaticConstructorCheck(),
            new FormattingCheck(),
            new HighestBitCheck(),
            new CopyCheck(),
            new FixedArraysCheck(),
            new RegisterFileLayoutCheck(),
            new PageZeroUnmappedCheck(),
            new ThreadStateValidTransitionsCheck(),
            new ThreadStateInvalidTransitionsCheck(),
        }, UserModeSelfChecks.All(), ProgramSelfChecks.All(), IpcSelfChecks.All(), CapsSelfChecks.All(), MappingSelfChecks.All(),
            KernelCoreSelfChecks.All());

        private static SelfCheck[] Concat(params SelfCheck[][] groups)
        {
            int count = 0;
            foreach (SelfCheck[] group in groups)
            {
                count += group.Length;
            }
            var all = new SelfCheck[count];
            int next = 0;
            foreach (SelfCheck[] group in groups)
            {
                for (int i = 0; i < group.Length; i++)
                {
                    all[next++] = group[i];
                }
            }
            return all;
        }

        /// <summary>Returns the number of failed checks.</summary>
        public static int RunAll()
        {
            SelfCheck[] checks = All();
            int passed = 0;
            int failed = 0;
            foreach (SelfCheck check in checks)
            {
                string? failure = check.Run();
                if (failure is null)
                {
                    Serial.WriteLine(string.Concat("check: ", check.Name, " ... ok"));
                    passed++;
                }
                else
                {
                    Serial.WriteLine(string.Concat("check: ", check.Name, " ... FAILED: ", failure));
                    failed++;
                }
            }

            Serial.WriteLine(string.Concat("checks: ", passed.ToString(), " passed, ", failed.ToString(), " failed"));
            return failed;
        }
    }
}
