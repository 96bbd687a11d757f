// Long random operation sequences with fixed seeds on the compiled core: after every step the invariant
// recomputed in C# (IpcKernels.Check) holds; and many IPC round trips allocate nothing.
using System;
using IpcState;
using Xunit;
using static IpcTypes.__default;
using static Verified.Core.Tests.Ipc.IpcKernels;

namespace Verified.Core.Tests.Ipc;

public sealed class IpcPropertyTests
{
    [Theory]
    [InlineData(1, 4u, 1u)]
    [InlineData(2, 8u, 2u)]
    [InlineData(3, 16u, 3u)]
    [InlineData(4, 6u, 1u)]
    [InlineData(5, 32u, 4u)]
    public void RandomOperationSequencesKeepTheInvariant(int seed, uint threads, uint endpoints)
    {
        var random = new Random(seed);
        var k = New(threads, endpoints);
        ulong now = 0;
        var okCount = new int[22];
        for (int step = 0; step < 20_000; step++)
        {
            int op = random.Next(22);
            uint t = (uint)random.Next((int)threads + 1);
            if ((op == 6 || op == 7) && random.Next(2) == 0)
            {
                // Half the replies go to a thread that waits for the current one (if any), so that answers happen
                // whatever the schedule; the other half test every wrong target.
                t = WaiterFor(k, t);
            }
            uint e = (uint)random.Next((int)endpoints + 1);
            ulong len = random.Next(4) == 0 ? (ulong)random.Next(300) : (ulong)random.Next(9);
            ulong timeout = random.Next(3) switch { 0 => TimeoutZero, 1 => TimeoutNever, _ => (ulong)random.Next(1, 40) };
            uint r = op switch
            {
                0 => k.CreateThread(t, (byte)random.Next(33)),
                1 => k.CreateEndpoint(e),
                2 => k.Send(e, (ulong)step, len, (ulong)random.Next(8), timeout, now),
                3 => k.Call(e, (ulong)step, len, (ulong)random.Next(8), timeout, TimeoutNever, now),
                4 => k.Wait(e, (ulong)random.Next(300), (ulong)random.Next(8), timeout, now),
                5 => k.Receive(t, (ulong)random.Next(300), 7, timeout, now),
                6 => k.Reply(t, (ulong)step, len, 0, now),
                7 => k.ReplyWait(t, (ulong)step, len, 0, e, 64, 7, timeout, now),
                8 => k.Sleep(timeout, now),
                9 => k.Cancel(t),
                10 => k.Abort(t),
                11 => random.Next(4) == 0 ? k.Kill(t) : ErrWrongState,
                12 => random.Next(8) == 0 ? k.DestroyEndpoint(e) : ErrWrongState,
                13 => k.TransferChunk(t, now),
                14 => k.PageFault(t, timeout, now),
                15 => k.PageFaultDone(t, random.Next(2) == 0),
                16 => k.CreateNotification(e),
                17 => k.Notify(e, 1ul << random.Next(64)),
                18 => k.NotifyWait(e, timeout, now),
                _ => Tick(k, ref now),
            };
            if (r == OK || r == Pending) okCount[op]++;   // Pending: blocked or waiting for the reply
            string? failure = Check(k);
            Assert.True(failure is null, $"seed {seed} step {step} op {op}(t={t}, e={e}) -> {r}: {failure}");
        }
        foreach (int op in new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 17, 18 })
        {
            Assert.True(okCount[op] > 0, $"seed {seed}: operation {op} never succeeded or blocked");
        }
    }

    /// <summary>A thread waiting in a closed receive for the current thread, searching from <paramref name="from"/>;
    /// <paramref name="from"/> itself when there is none.</summary>
    private static uint WaiterFor(IpcKernel k, uint from)
    {
        for (uint i = 0; i < k.n; i++)
        {
            uint u = (from + i) % k.n;
            if (k.state[u] == RecvClosed && k.obj[u] == k.current)
            {
                return u;
            }
        }
        return from;
    }

    private static uint Tick(IpcKernel k, ref ulong now)
    {
        now++;
        k.Tick(now);
        return OK;
    }

    [Fact]
    public void CallReplyWaitRoundTripsAllocateNothing()
    {
        var k = New(64, 4);
        Assert.Equal(OK, k.CreateEndpoint(0));
        Create(k, 0, 10);
        Assert.Equal(Pending, k.Wait(0, 64, 7, TimeoutNever, 0));
        Create(k, 1, 5);
        RoundTrips(k, 10);                 // warm up (JIT) before measuring
        long before = GC.GetAllocatedBytesForCurrentThread();
        RoundTrips(k, 10_000);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
        AssertValid(k);
    }

    private static void RoundTrips(IpcKernel k, int count)
    {
        for (int i = 0; i < count; i++)
        {
            // The core's own methods (the tests' forms check the direct paths' promises with Assert, which allocates).
            k.Call(0, (ulong)i, 2, 0, TimeoutNever, 100, (ulong)i, out uint r1, out _);
            k.ReplyWait(1, (ulong)i, 1, 0, 0, 64, 7, 50, (ulong)i, out uint r2, out _, out _);
            k.Tick((ulong)i);
            if (r1 != Pending || r2 != Pending || k.err[1] != OK || k.m.recvWord[1] != (ulong)i)
            {
                throw new InvalidOperationException("round trip failed");
            }
        }
    }
}
