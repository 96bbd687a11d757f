// The syscall fuzzer of issue 6: 100,000 random syscalls from several threads of three tasks, every kernel entry
// followed by the IPC and capability invariants, every answer a result word. The seed and the count come from
// VERIFIED_FUZZ_SEED and VERIFIED_FUZZ_SYSCALLS when set, so a failing seed reruns alone.
using System;
using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    public sealed class SyscallFuzzTests
    {
        private const ulong DefaultSeed = 0x5EED_0006;
        private const long DefaultSyscalls = 100_000;

        private readonly ITestOutputHelper _output;

        public SyscallFuzzTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void RandomSyscallsKeepEveryInvariantAndGetResultWords()
        {
            ulong seed = Setting("VERIFIED_FUZZ_SEED", DefaultSeed);
            long syscalls = (long)Setting("VERIFIED_FUZZ_SYSCALLS", DefaultSyscalls);
            var watch = Stopwatch.StartNew();
            FuzzWorld world = FuzzRunner.Run(seed, syscalls);
            watch.Stop();
            ulong signalled = 0, undelivered = 0;
            foreach (ulong line in FuzzWorld.DeviceLines)
            {
                signalled += world.Kernel.Core.IrqSignalled((uint)line);
                undelivered += world.Kernel.Core.IrqUndelivered((uint)line);
            }
            string report = $"fuzz: seed {seed} (0x{seed:X}), {world.Checked.Syscalls} syscalls ({world.RescuerSyscalls} by the rescuer), "
                + $"{world.Trace.Count} answered, "
                + $"{world.Kernel.Faults.Count} threads killed by faults, {signalled} interrupts signalled and {undelivered} undelivered, at most {world.Checked.MostMappings} mappings beyond sigma0's, "
                + $"{world.Machine.Steps} machine steps, {watch.Elapsed.TotalSeconds:F1} s, "
                + $"{FuzzRunner.Rate(world.Checked.Syscalls, watch):F0} syscalls/s, trace 0x{world.Trace.Hash:X16}";
            _output.WriteLine(report);
            Console.WriteLine(report);
            _output.WriteLine(FuzzReport.Outcomes(world.Trace));
            Assert.True(world.Checked.Syscalls >= syscalls, $"seed {seed}: the run stopped after {world.Checked.Syscalls} syscalls");
            Assert.True(world.Kernel.Faults.Count > 0, $"seed {seed}: no thread faulted, so no fault was checked");
            Assert.True(signalled > 0 && undelivered > 0, $"seed {seed}: interrupts signalled {signalled}, undelivered {undelivered}");
            Assert.True(world.Checked.MostMappings > 0, $"seed {seed}: no map or grant item mapped anything");
        }

        [Fact]
        public void TheSameSeedGivesTheSameTrace()
        {
            FuzzWorld first = FuzzRunner.Run(7, 5_000);
            FuzzWorld second = FuzzRunner.Run(7, 5_000);
            Assert.Equal(first.Trace.First, second.Trace.First);
            Assert.Equal(first.Trace.Count, second.Trace.Count);
            Assert.Equal(first.Trace.Hash, second.Trace.Hash);
            Assert.Equal(first.Machine.Trace.Hash, second.Machine.Trace.Hash);
        }

        [Fact]
        public void AnotherSeedGivesAnotherTrace()
        {
            FuzzWorld first = FuzzRunner.Run(7, 5_000);
            FuzzWorld other = FuzzRunner.Run(8, 5_000);
            Assert.NotEqual(first.Trace.Hash, other.Trace.Hash);
            Assert.NotEqual(first.Trace.First, other.Trace.First);
        }

        private static ulong Setting(string name, ulong fallback)
        {
            string? text = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(text))
            {
                return fallback;
            }
            return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? Convert.ToUInt64(text.Substring(2), 16)
                : ulong.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
