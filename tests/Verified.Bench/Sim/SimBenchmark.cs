// Scheduling speed of the simulated machine: each step resumes one coroutine user thread, which makes a null
// syscall into a minimal kernel and suspends again. This is the ceiling of exploration speed on hal/Sim (the engine
// runs one such step per scheduling decision); it should not depend on the number of threads.
using System.Collections.Generic;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;

namespace Verified.Bench.Sim;

public sealed class SimBenchmark : IScalingBenchmark
{
    public string Name => "sim";

    public string Description => "Sim machine: scheduling steps (coroutine resume + null syscall) vs thread count (expected flat)";

    public IEnumerable<BenchmarkRow> Run(bool quick)
    {
        long steps = quick ? 200_000 : 2_000_000;
        foreach (long threads in quick ? new long[] { 3, 100 } : new long[] { 3, 100, 1_000 })
        {
            double seconds = Stopwatches.BestSeconds(3, () => NewMachine((int)threads), m => m.Run(steps));
            yield return new BenchmarkRow("null-syscall step", threads, steps, seconds, new (string, string)[0]);
        }
    }

    private static SimMachine NewMachine(int threads)
    {
        var machine = new SimMachine(new RandomSimScheduler(1), recordTrace: false);
        machine.AttachKernel(new NullKernel());
        SimAddressSpace space = machine.CreateAddressSpace();
        for (int i = 0; i < threads; i++)
        {
            machine.CreateThread($"t{i}", space, Spin);
        }
        machine.Run(10_000);   // JIT and the first await of each coroutine
        return machine;
    }

    private static async Task Spin(SimUserContext ctx)
    {
        while (true)
        {
            await ctx.Syscall(0);
        }
    }

    /// <summary>Answers every syscall with 0; nothing else happens in these runs.</summary>
    private sealed class NullKernel : ISimKernel
    {
        public void Syscall(SimThread thread) => thread.Registers.Rax = 0;

        public void PageFault(SimThread thread, PageFault fault)
        {
        }

        public void Exception(SimThread thread, int vector, ulong errorCode)
        {
        }

        public void Interrupt(int line)
        {
        }

        public void Continue(SimThread thread)
        {
        }

        public void ThreadFinished(SimThread thread)
        {
        }
    }
}
