// Each shared scenario on a fresh Sim kernel in the boot layout, once per machine seed: it passes (the runner's line
// is "ok", which includes its own sweep of slots 2..63) and, read from the kernel, leaves nothing behind.
using System.Collections.Generic;
using Verified.User.Machines.Sim;
using Verified.User.Scenarios;
using Xunit;

namespace Verified.Shared.Scenarios.Tests
{
    public sealed class SharedScenarioTests
    {
        public const int Seeds = 20;

        public static IEnumerable<object[]> Names()
        {
            foreach (Scenario scenario in ScenarioList.All())
            {
                yield return new object[] { scenario.Name };
            }
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void PassesAndCleansUpUnderEverySeed(string name)
        {
            for (ulong seed = 1; seed <= Seeds; seed++)
            {
                Scenario scenario = Find(name);
                using var boot = new SimBoot(seed);
                bool passed = false;
                string line = "(no line)";
                bool ended = boot.Run(() => passed = Runner.RunOne(scenario, out line));
                Assert.True(ended, $"seed {seed}: the main thread did not finish; log: {boot.Log}");
                Assert.True(passed, $"seed {seed}: {line}");
                Assert.Equal("scenario " + name + ": ok", line);
                List<string> leaks = BootLeaks.Find(boot);
                Assert.True(leaks.Count == 0, $"seed {seed}: left behind: {string.Join(", ", leaks)}");
            }
        }

        [Fact]
        public void TheListHasUniqueNames()
        {
            var names = new HashSet<string>();
            foreach (Scenario scenario in ScenarioList.All())
            {
                Assert.True(names.Add(scenario.Name), $"{scenario.Name} twice");
            }
            Assert.True(names.Count >= 30, $"only {names.Count} scenarios");
        }

        private static Scenario Find(string name)
        {
            foreach (Scenario scenario in ScenarioList.All())
            {
                if (scenario.Name == name)
                {
                    return scenario;
                }
            }
            throw new Xunit.Sdk.XunitException($"no scenario {name}");
        }
    }
}
