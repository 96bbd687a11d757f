// What makes scheduling fast (each step: resume a coroutine, one syscall into the kernel, back): a step allocates
// nothing (no OS thread, no task or closure per step). The rate itself is a benchmark, not a test:
// `./verified bench --hosted sim` (tests/Verified.Bench/Sim).
using System;
using Verified.Hal.Sim.Machine;
using Xunit;
using Xunit.Abstractions;

namespace Verified.Sim.Tests
{
    [CollectionDefinition(nameof(ThroughputTests), DisableParallelization = true)]
    public sealed class ThroughputCollection
    {
    }

    [Collection(nameof(ThroughputTests))]
    public sealed class ThroughputTests
    {
        private readonly ITestOutputHelper _output;

        public ThroughputTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void TrivialThreadsRunStepsWithoutAllocating()
        {
            const long steps = 1_000_000;
            var machine = new SimMachine(new RandomSimScheduler(1), recordTrace: false);
            var kernel = new TestKernel(machine);
            SimAddressSpace space = machine.CreateAddressSpace();
            for (int i = 0; i < 3; i++)
            {
                machine.CreateThread($"t{i}", space, async ctx =>
                {
                    while (true)
                    {
                        await ctx.Syscall(TestKernel.Null);
                    }
                });
            }
            machine.Run(10_000);   // warm up: JIT, first awaits box each coroutine once
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(SimStopReason.StepLimit, machine.Run(steps));
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            _output.WriteLine($"sim: {allocated} bytes allocated in {steps:N0} steps of 3 threads");
            Assert.Equal(steps + 10_000, kernel.Syscalls);
            Assert.True(allocated < 4096, $"{allocated} bytes allocated in {steps} steps");
        }
    }
}
