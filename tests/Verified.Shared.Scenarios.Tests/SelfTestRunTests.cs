// The selftest program's run on Sim: every scenario one after another in one task (as on X64, so each one starts
// from what the previous one left), one line each in the log and the summary line last.
using System;
using System.Collections.Generic;
using Verified.User.Machines.Sim;
using Verified.User.Scenarios;
using Xunit;

namespace Verified.Shared.Scenarios.Tests
{
    public sealed class SelfTestRunTests
    {
        [Theory]
        [InlineData(1UL)]
        [InlineData(2UL)]
        [InlineData(3UL)]
        public void EveryScenarioPassesInOneTaskAndTheLastLineSaysSo(ulong seed)
        {
            Scenario[] scenarios = ScenarioList.All();
            using var boot = new SimBoot(seed);
            int failed = -1;
            Assert.True(boot.Run(() => failed = Runner.RunAll(scenarios), maxSteps: 10_000_000), $"did not finish; log: {boot.Log}");
            string[] lines = boot.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(failed == 0, boot.Log);
            Assert.Equal(scenarios.Length + 1, lines.Length);
            for (int i = 0; i < scenarios.Length; i++)
            {
                Assert.Equal($"scenario {scenarios[i].Name}: ok", lines[i]);
            }
            Assert.Equal($"selftest: {scenarios.Length} passed, 0 failed", lines[^1]);
            List<string> leaks = BootLeaks.Find(boot);
            Assert.True(leaks.Count == 0, string.Join(", ", leaks));
            // The root task on X64 never frees a frame: the whole list pages in at most ScratchBudget scratch pages
            // (there, heap and stack pages come on top; on Sim they are not paged).
            Assert.InRange(boot.PagerFramesUsed, 1ul, (ulong)Layout.ScratchBudget);
        }

        /// <summary>The OS threads under the user threads hand over one kernel entry at a time, so a seed still fixes
        /// the whole run: the same steps, the same virtual time, the same log.</summary>
        [Fact]
        public void TheSameSeedGivesTheSameRun()
        {
            (long Steps, ulong Now, string Log) first = RunAll(7);
            (long Steps, ulong Now, string Log) second = RunAll(7);
            Assert.Equal(first, second);
            Assert.NotEqual(first.Steps, RunAll(8).Steps);
        }

        /// <summary>The IPC fast path (kernel/Core/FastIpc.cs) must be invisible: with it and without it every scenario
        /// runs alike, step for step, under several seeds, and it does take the common Calls and ReplyWaits and completes
        /// many of them at once. So must the X64 entry's own handlers for a Call and a ReplyWait: entered as that entry
        /// enters (KernelCore.SyscallAsEntered) or through KernelCore.Syscall alone, the run is the same.</summary>
        [Theory]
        [InlineData(1UL)]
        [InlineData(5UL)]
        [InlineData(9UL)]
        public void TheFastPathGivesTheSameRunAsTheGeneralPath(ulong seed)
        {
            ulong hits, handOvers;
            (long Steps, ulong Now, string Log) fast = RunAll(seed, fastPath: true, out hits, out handOvers);
            Assert.True(hits > 100, $"the fast path took only {hits} IPC syscalls");
            Assert.True(handOvers > 50, $"the fast path completed only {handOvers} of {hits} at once");
            ulong none, noHandOvers;
            (long Steps, ulong Now, string Log) general = RunAll(seed, fastPath: false, out none, out noHandOvers);
            Assert.Equal(0UL, none);
            Assert.Equal(0UL, noHandOvers);
            Assert.Equal(general, fast);
            // Entered through KernelCore.Syscall alone rather than as the X64 entry enters (the default).
            ulong oneEntryHits, oneEntryHandOvers;
            (long Steps, ulong Now, string Log) oneEntry = RunAll(seed, fastPath: true, out oneEntryHits, out oneEntryHandOvers,
                enterAsX64: false);
            Assert.Equal((hits, handOvers), (oneEntryHits, oneEntryHandOvers));
            Assert.Equal(general, oneEntry);
        }

        private static (long Steps, ulong Now, string Log) RunAll(ulong seed) => RunAll(seed, fastPath: true, out _, out _);

        private static (long Steps, ulong Now, string Log) RunAll(ulong seed, bool fastPath, out ulong fastPathHits,
            out ulong handOvers, bool enterAsX64 = true)
        {
            using var boot = new SimBoot(seed);
            boot.Kernel.Core.FastPath = fastPath;
            boot.Kernel.EnterAsX64 = enterAsX64;
            Assert.True(boot.Run(() => Runner.RunAll(ScenarioList.All()), maxSteps: 10_000_000));
            fastPathHits = boot.Kernel.Core.FastPathHits;
            handOvers = boot.Kernel.Core.FastHandOvers;
            return (boot.EndStep, boot.EndTime, boot.Log);
        }
    }
}
