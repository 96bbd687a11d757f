// IPC core scaling: a Call + ReplyWait round trip as the number of threads grows (must stay flat: queues are O(1),
// the scheduler scans 32 priority heads), and the wakeup structure with 10^5 pending timeouts.
using System.Collections.Generic;
using IpcState;
using static IpcTypes.__default;

namespace Verified.Bench.Ipc;

public sealed class IpcBenchmark : IScalingBenchmark
{
    public string Name => "ipc";

    public string Description =>
        "IPC core: Call+ReplyWait round trip vs thread count (expected flat); wakeup insert/remove and tick with 10^5 timeouts";

    public IEnumerable<BenchmarkRow> Run(bool quick)
    {
        long[] sizes = quick ? new long[] { 10, 1_000, 10_000 } : new long[] { 10, 100, 1_000, 10_000, 100_000 };
        int trips = quick ? 20_000 : 200_000;
        foreach (long size in sizes)
        {
            double seconds = Stopwatches.BestSeconds(3, () => RoundTripKernel((uint)size), k => RoundTrips(k, trips));
            yield return new BenchmarkRow("call+replywait round trip", size, trips, seconds, new (string, string)[0]);
        }

        uint timeouts = quick ? 10_000u : 100_000u;
        double insert = Stopwatches.BestSeconds(3, () => SleepersKernel(timeouts), k => InsertTimeouts(k, timeouts));
        yield return new BenchmarkRow("wakeup insert (Sleep)", timeouts, timeouts, insert, new (string, string)[0]);
        double remove = Stopwatches.BestSeconds(3, () => WithTimeouts(timeouts), k => CancelAll(k, timeouts));
        yield return new BenchmarkRow("wakeup remove (Cancel)", timeouts, timeouts, remove, new (string, string)[0]);
        double tick = Stopwatches.BestSeconds(3, () => WithTimeouts(timeouts), k => TickAll(k));
        yield return new BenchmarkRow("tick (expire all, 1024 ticks)", timeouts, timeouts, tick,
            new (string, string)[] { ("ticks", "1024") });
    }

    /// <summary>A server waiting on endpoint 0, a client running, and size - 2 idle Ready threads of low priority.</summary>
    private static IpcKernel RoundTripKernel(uint size)
    {
        var k = new IpcKernel();
        k.__ctor(size, 1);
        k.CreateEndpoint(0);
        k.CreateThread(0, 20);
        k.Wait(0, 64, 7, TimeoutNever, 0);
        k.CreateThread(1, 10);
        k.m.recvMax[1] = 64;
        for (uint t = 2; t < size; t++)
        {
            k.CreateThread(t, (byte)(t % 10));
        }
        return k;
    }

    private static void RoundTrips(IpcKernel k, int count)
    {
        for (int i = 0; i < count; i++)
        {
            k.Call(0, (ulong)i, 2, 0, TimeoutNever, TimeoutNever, 0, out _, out _);
            k.ReplyWait(1, (ulong)i, 1, 0, 0, 64, 7, TimeoutNever, 0, out _, out _, out _);
        }
    }

    private static IpcKernel SleepersKernel(uint count)
    {
        var k = new IpcKernel();
        k.__ctor(count, 1);
        return k;
    }

    /// <summary>Each thread is created (it runs: nothing else is Ready) and sleeps: one wheel insert each.</summary>
    private static void InsertTimeouts(IpcKernel k, uint count)
    {
        for (uint t = 0; t < count; t++)
        {
            k.CreateThread(t, 1);
            k.Sleep(1 + t % 1024, 0);
        }
    }

    private static IpcKernel WithTimeouts(uint count)
    {
        var k = SleepersKernel(count);
        InsertTimeouts(k, count);
        return k;
    }

    private static void CancelAll(IpcKernel k, uint count)
    {
        for (uint t = 0; t < count; t++)
        {
            k.Cancel(t);
        }
    }

    private static void TickAll(IpcKernel k)
    {
        for (ulong now = 1; now <= 1024; now++)
        {
            k.Tick(now);
        }
    }
}
