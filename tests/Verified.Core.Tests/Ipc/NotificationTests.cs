// Notifications on the compiled core (spec/Ipc/IpcState.dfy: CreateNotification, Notify, NotifyWait): bits are
// OR-ed into the word, a waiter is woken with them, and every way a wait ends gives its own code.
using System;
using IpcState;
using Xunit;
using static IpcTypes.__default;
using static Verified.Core.Tests.Ipc.IpcKernels;

namespace Verified.Core.Tests.Ipc;

public sealed class NotificationTests
{
    private const uint Waiter = 0;
    private const uint Signaler = 1;
    private const uint Ntf = 0;
    private const uint Ep = 1;

    /// <summary>Notification 0 and endpoint 1; the signaler (priority 5) runs, the waiter (10) is created by the caller.</summary>
    private static IpcKernel Kernel()
    {
        var k = New(8, 2);
        Assert.Equal(OK, k.CreateNotification(Ntf));
        Assert.Equal(OK, k.CreateEndpoint(Ep));
        Assert.Equal(NotificationKind, k.epAlive[Ntf]);
        Assert.Equal(EndpointKind, k.epAlive[Ep]);
        return k;
    }

    /// <summary>The waiter (priority 10) blocks on the notification (default: no timeout, TimeoutNever); then the
    /// signaler (5) runs.</summary>
    private static IpcKernel WaiterBlocked(ulong timeout = ulong.MaxValue)
    {
        var k = Kernel();
        Create(k, Waiter, 10);
        Assert.Equal(Pending, k.NotifyWait(Ntf, timeout, 0));
        Assert.Equal(RecvBlocked, k.state[Waiter]);
        Create(k, Signaler, 5);
        Assert.Equal(Signaler, k.current);
        AssertValid(k);
        return k;
    }

    [Fact]
    public void NotifyWakingNamesTheThreadItWokeAndNoneOtherwise()
    {
        var k = WaiterBlocked();
        // No bits to give: nobody wakes, and none is named.
        k.NotifyWaking(Ntf, 0, out uint code, out uint woken);
        Assert.Equal(OK, code);
        Assert.Equal(NoThread, woken);
        Assert.Equal(RecvBlocked, k.state[Waiter]);
        // Bits: the waiter wakes (and, outranking the signaler, runs at once: the signaler is preempted), and is named.
        k.NotifyWaking(Ntf, 0b10, out code, out woken);
        Assert.Equal(OK, code);
        Assert.Equal(Waiter, woken);
        Assert.Equal(Running, k.state[Waiter]);
        Assert.Equal(Waiter, k.current);
        Assert.Equal(OK, k.err[Waiter]);
        Assert.Equal(Ready, k.state[Signaler]);
        Assert.Equal(0b10ul, k.m.recvWord[Waiter]);
        Assert.Equal(0ul, k.m.ntfWord[Ntf]);
        // Nobody waits now: the bits stay pending, and none is named.
        k.NotifyWaking(Ntf, 0b1, out code, out woken);
        Assert.Equal(OK, code);
        Assert.Equal(NoThread, woken);
        Assert.Equal(0b1ul, k.m.ntfWord[Ntf]);
        // Not a notification: refused, none named.
        k.NotifyWaking(Ep, 0b1, out code, out woken);
        Assert.Equal(ErrWrongObject, code);
        Assert.Equal(NoThread, woken);
        AssertValid(k);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NotifyRunningReachesTheStateNotifyWakingReaches(int seed)
    {
        // Two kernels take the same random notification traffic; one signals with NotifyWaking (the waiter through
        // its ready queue), the other with NotifyRunning (a waiter that outranks everything straight to Running).
        var random = new Random(seed);
        var waking = New(8, 3);
        var running = New(8, 3);
        ulong now = 0;
        int direct = 0, woke = 0;
        for (int step = 0; step < 20_000; step++)
        {
            // Mostly waits and signals, so that threads of every priority wait while others signal.
            int roll = random.Next(100);
            int op = roll < 3 ? 0 : roll < 6 ? 1 : roll < 30 ? 2 : roll < 70 ? 3 : roll < 80 ? 4 : 5;
            uint t = (uint)random.Next(9);
            uint e = (uint)(random.Next(10) == 0 ? 3 : random.Next(3));      // 3: no such notification
            byte priority = (byte)random.Next(8);
            ulong bits = random.Next(4) == 0 ? 0 : 1ul << random.Next(64);
            ulong timeout = random.Next(3) switch { 0 => TimeoutZero, 1 => TimeoutNever, _ => (ulong)random.Next(1, 20) };
            if (op == 5)
            {
                now++;
            }
            uint before = running.current;
            uint a = Step(waking, op, t, e, priority, bits, timeout, now, useRunning: false, out uint wokenA);
            uint b = Step(running, op, t, e, priority, bits, timeout, now, useRunning: true, out uint wokenB);
            Assert.True(a == b && wokenA == wokenB, $"seed {seed} step {step} op {op}: {a}/{wokenA} against {b}/{wokenB}");
            AssertSameState(waking, running, $"seed {seed} step {step} op {op}");
            if (op == 2 && wokenB != NoThread && running.current == wokenB && before != wokenB)
            {
                direct++;
            }
            woke += op == 2 && wokenB != NoThread ? 1 : 0;
        }
        AssertValid(running);
        // Both ways were taken often (about 1,400 and 650 of the wake-ups with these seeds).
        Assert.True(direct > 100 && woke - direct > 100, $"{direct} of {woke} wake-ups ran the waiter at once");
    }

    private static uint Step(IpcKernel k, int op, uint t, uint e, byte priority, ulong bits, ulong timeout, ulong now,
        bool useRunning, out uint woken)
    {
        woken = NoThread;
        switch (op)
        {
            case 0:
                return k.CreateThread(t, priority);
            case 1:
                return k.CreateNotification(e);
            case 2:
                uint r;
                if (useRunning)
                {
                    k.NotifyRunning(e, bits, out r, out woken);
                }
                else
                {
                    k.NotifyWaking(e, bits, out r, out woken);
                }
                return r;
            case 3:
                return k.NotifyWait(e, timeout, now);
            case 4:
                return k.Sleep(timeout == TimeoutNever ? 5 : timeout, now);
            default:
                k.Tick(now);
                return OK;
        }
    }

    // Every thread's fields, the bits, and the queues: their heads and tails, and the links of the nodes in them.
    private static void AssertSameState(IpcKernel a, IpcKernel b, string where)
    {
        Assert.True(a.current == b.current, $"{where}: current {a.current} against {b.current}");
        Assert.Equal(a.state, b.state);
        Assert.Equal(a.prio, b.prio);
        Assert.Equal(a.obj, b.obj);
        Assert.Equal(a.err, b.err);
        Assert.Equal(a.deadline, b.deadline);
        Assert.Equal(a.m.recvWord, b.m.recvWord);
        Assert.Equal(a.m.ntfWord, b.m.ntfWord);
        Assert.Equal(a.q.owner, b.q.owner);
        Assert.Equal(a.q.head, b.q.head);
        Assert.Equal(a.q.tail, b.q.tail);
        for (int x = 0; x < a.q.owner.Length; x++)
        {
            if (a.q.owner[x] != QNil)
            {
                Assert.True(a.q.next[x] == b.q.next[x] && a.q.prev[x] == b.q.prev[x], $"{where}: links of node {x}");
            }
        }
    }

    [Fact]
    public void BitsSentWithNoWaiterAccumulateAndAreTakenAtOnce()
    {
        var k = Kernel();
        Create(k, Signaler, 5);
        Assert.Equal(OK, k.Notify(Ntf, 0b0001));
        Assert.Equal(OK, k.Notify(Ntf, 0b0100));
        Assert.Equal(OK, k.Notify(Ntf, 0b0001));
        Assert.Equal(0b0101ul, k.m.ntfWord[Ntf]);
        Assert.Equal(OK, k.NotifyWait(Ntf, TimeoutNever, 0));
        Assert.Equal(OK, k.err[Signaler]);
        Assert.Equal(0b0101ul, k.m.recvWord[Signaler]);
        Assert.Equal(0ul, k.m.recvLen[Signaler]);
        Assert.Equal(0ul, k.m.ntfWord[Ntf]);               // taken: cleared
        Assert.Equal(Running, k.state[Signaler]);
        // Nothing pending any more: a zero timeout fails at once, and the thread keeps running.
        Assert.Equal(ErrRecvTimeout, k.NotifyWait(Ntf, TimeoutZero, 1));
        Assert.Equal(ErrRecvTimeout, k.err[Signaler]);
        Assert.Equal(Running, k.state[Signaler]);
        AssertValid(k);
    }

    [Fact]
    public void NotifyWakesTheWaiterWithTheBitsAndItPreemptsTheSignaler()
    {
        var k = WaiterBlocked();
        Assert.Equal(OK, k.Notify(Ntf, 0x8000_0000_0000_0002));
        Assert.Equal(OK, k.err[Waiter]);
        Assert.Equal(0x8000_0000_0000_0002ul, k.m.recvWord[Waiter]);
        Assert.Equal(0ul, k.m.ntfWord[Ntf]);
        Assert.Equal(Waiter, k.current);                   // priority 10 outranks the signaler's 5
        Assert.Equal(Ready, k.state[Signaler]);
        AssertValid(k);
    }

    [Fact]
    public void ALowerPriorityWaiterIsWokenButDoesNotPreempt()
    {
        var k = Kernel();
        Create(k, Signaler, 20);
        Create(k, Waiter, 3);
        Assert.Equal(Signaler, k.current);
        // The waiter cannot run to block itself, so the signaler sleeps once to let it.
        Assert.Equal(Pending, k.Sleep(10, 0));
        Assert.Equal(Waiter, k.current);
        Assert.Equal(Pending, k.NotifyWait(Ntf, TimeoutNever, 0));
        k.Tick(10);
        Assert.Equal(Signaler, k.current);
        Assert.Equal(OK, k.Notify(Ntf, 4));
        Assert.Equal(Ready, k.state[Waiter]);
        Assert.Equal(4ul, k.m.recvWord[Waiter]);
        Assert.Equal(Signaler, k.current);
        AssertValid(k);
    }

    [Fact]
    public void NotifyWithoutBitsLeavesTheWaiterBlocked()
    {
        var k = WaiterBlocked();
        Assert.Equal(OK, k.Notify(Ntf, 0));
        Assert.Equal(RecvBlocked, k.state[Waiter]);
        Assert.Equal(Pending, k.err[Waiter]);
        AssertValid(k);
    }

    [Fact]
    public void TheHighestPriorityWaiterIsWokenFirst()
    {
        var k = Kernel();
        const uint Low = 2, High = 3;
        Create(k, Low, 7);
        Assert.Equal(Pending, k.NotifyWait(Ntf, TimeoutNever, 0));
        Create(k, High, 9);
        Assert.Equal(Pending, k.NotifyWait(Ntf, TimeoutNever, 0));
        Create(k, Signaler, 5);
        Assert.Equal(OK, k.Notify(Ntf, 1));
        Assert.Equal(OK, k.err[High]);
        Assert.Equal(RecvBlocked, k.state[Low]);
        Assert.Equal(High, k.current);
        AssertValid(k);
    }

    [Fact]
    public void AWaitEndsWithReceiveTimeout()
    {
        var k = WaiterBlocked(timeout: 5);
        for (ulong now = 1; now <= 5; now++) k.Tick(now);
        Assert.Equal(ErrRecvTimeout, k.err[Waiter]);
        Assert.Equal(Waiter, k.current);
        AssertValid(k);
    }

    [Fact]
    public void AWaitEndsWithCanceled()
    {
        var k = WaiterBlocked();
        Assert.Equal(OK, k.Cancel(Waiter));
        Assert.Equal(ErrCanceled, k.err[Waiter]);
        AssertValid(k);
    }

    [Fact]
    public void DestroyingTheNotificationWakesItsWaitersWithNoPartner()
    {
        var k = WaiterBlocked();
        Assert.Equal(OK, k.DestroyEndpoint(Ntf));
        Assert.Equal(ErrNoPartner, k.err[Waiter]);
        Assert.Equal(NoObject, k.epAlive[Ntf]);
        Assert.Equal(ErrNoPartner, k.Notify(Ntf, 1));
        AssertValid(k);
    }

    [Fact]
    public void EndpointAndNotificationOperationsRefuseTheOtherKind()
    {
        var k = Kernel();
        Create(k, Signaler, 5);
        Assert.Equal(ErrWrongObject, k.Send(Ntf, 1, 1, 0, TimeoutNever, 0));
        Assert.Equal(ErrWrongObject, k.err[Signaler]);
        Assert.Equal(ErrWrongObject, k.Call(Ntf, 1, 1, 0, TimeoutNever, TimeoutNever, 0));
        Assert.Equal(ErrWrongObject, k.Wait(Ntf, 64, 7, TimeoutNever, 0));
        Assert.Equal(ErrWrongObject, k.Notify(Ep, 1));
        Assert.Equal(ErrWrongObject, k.NotifyWait(Ep, TimeoutNever, 0));
        Assert.Equal(Running, k.state[Signaler]);          // nothing blocked, nothing lost
        Assert.Equal(0ul, k.m.ntfWord[Ntf]);
        AssertValid(k);
    }

    [Fact]
    public void BadArgumentsGetErrorsAndChangeNothing()
    {
        var k = Kernel();
        Assert.Equal(ErrNoCurrent, k.NotifyWait(Ntf, TimeoutNever, 0));   // no running thread
        Create(k, Signaler, 5);
        Assert.Equal(ErrInvalidArgument, k.CreateNotification(2));        // out of range
        Assert.Equal(ErrWrongState, k.CreateNotification(Ntf));           // slot in use
        Assert.Equal(ErrWrongState, k.CreateNotification(Ep));
        Assert.Equal(ErrNoPartner, k.Notify(2, 1));
        Assert.Equal(ErrNoPartner, k.Notify(uint.MaxValue, 1));
        Assert.Equal(ErrNoPartner, k.NotifyWait(2, TimeoutNever, 0));
        Assert.Equal(Running, k.state[Signaler]);
        AssertValid(k);
    }
}
