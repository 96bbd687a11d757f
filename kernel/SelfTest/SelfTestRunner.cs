// Runs every self-check and prints one line per check plus the summary line the boot runner parses.
using Verified.Hal.X64;

namespace Verified.Kernel.SelfTest
{
    internal static class SelfTestRunner
    {
        private static SelfCheck[] All() => new SelfCheck[]
        {
            new AllocatorZeroedCheck(),
            new AllocatorDistinctCheck(),
            new AllocatorAlignedCheck(),
            new VirtualCallCheck(),
            new InterfaceDispatchCheck(),
            new TypeCastCheck(),
            new StaticConstructorCheck(),
            new FormattingCheck(),
            new PageZeroUnmappedCheck(),
            new ThreadStateValidTransitionsCheck(),
            new ThreadStateInvalidTransitionsCheck(),
        };

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
                    Serial.WriteLine(string.Concat("selftest: ", check.Name, " ... ok"));
                    passed++;
                }
                else
                {
                    Serial.WriteLine(string.Concat("selftest: ", check.Name, " ... FAILED: ", failure));
                    failed++;
                }
            }

            Serial.WriteLine(string.Concat("selftest: ", passed.ToString(), " passed, ", failed.ToString(), " failed"));
            return failed;
        }
    }
}
