// Scheduling contexts on the compiled core (spec/Ipc/IpcState.dfy: Lend, Help, ReturnLent, Charge): a Call lends the
// caller's priority and timeslice to the server until it replies; any wait for a specific thread helps that thread
// (and the thread it waits for in turn), and a Call that finds the server busy helps it; the lent context comes
// back when nobody waits any more, whichever way the wait ends; the timer charges the timeslice a thread runs on
// and rotates threads of equal priority, and Yield gives up the rest of a timeslice to them.
using IpcState;
using Xunit;
using static IpcTypes.__default;
using static Verified.Core.Tests.Ipc.IpcKernels;

namespace Verified.Core.Tests.Ipc;

public sealed class DonationTests
{
    private const uint Client = 0;   // priority 20
    private const uint Server = 1;   // priority 5
    private const uint Medium = 2;   // priority 10: would starve the server without the lent priority
    private const uint Ep = 0;

    /// <summary>The server waits on the endpoint; the client runs, the medium thread is Ready.</summary>
    private static IpcKernel ServerWaiting()
    {
        var k = New(8, 2);
        Assert.Equal(OK, k.CreateEndpoint(Ep));
        Create(k, Server, 5);
        Assert.Equal(Pending, k.Wait(Ep, 64, 7, TimeoutNever, 0));
        Create(k, Client, 20);
        Assert.Equal(Client, k.current);
        Create(k, Medium, 10);
        Assert.Equal(Client, k.current);
        AssertValid(k);
        return k;
    }

    /// <summary>The client's Call reached the server: the client waits for the reply (default: TimeoutNever), the
    /// server serves it.</summary>
    private static IpcKernel Serving(ulong rcvTimeout = ulong.MaxValue)
    {
        var k = ServerWaiting();
        Assert.Equal(Pending, k.Call(Ep, 42, 1, 0, TimeoutNever, rcvTimeout, 0));
        AssertValid(k);
        return k;
    }

    [Fact]
    public void CallLendsTheCallersPriorityAndTimesliceSoTheServerRunsBeforeMediumThreads()
    {
        var k = Serving();
        Assert.Equal(RecvClosed, k.state[Client]);
        Assert.Equal(Server, k.obj[Client]);
        Assert.Equal(20, k.prio[Server]);
        Assert.Equal(5, k.m.own[Server]);
        Assert.Equal(Client, k.m.runsOn[Server]);
        // Direct switch: the server runs at once, ahead of the Ready medium thread.
        Assert.Equal(Server, k.current);
        Assert.Equal(Ready, k.state[Medium]);
    }

    [Fact]
    public void ReplyReturnsTheLentContextAndTheClientRunsAgain()
    {
        var k = Serving();
        Assert.Equal(OK, k.Reply(Client, 7, 1, 0, 1));
        AssertValid(k);
        Assert.Equal(5, k.prio[Server]);
        Assert.Equal(Server, k.m.runsOn[Server]);
        Assert.Equal(OK, k.err[Client]);
        Assert.Equal(7ul, k.m.recvWord[Client]);
        Assert.Equal(Client, k.current);
        Assert.Equal(Ready, k.state[Server]);
    }

    [Fact]
    public void ReplyWaitReturnsTheContextBeforeTheServerWaitsAgain()
    {
        var k = Serving();
        Assert.Equal(Pending, k.ReplyWait(Client, 7, 1, 0, Ep, 64, 7, TimeoutNever, 1));
        AssertValid(k);
        Assert.Equal(RecvBlocked, k.state[Server]);
        Assert.Equal(5, k.prio[Server]);
        // Waiting at its own priority: in the endpoint's receive queue of priority 5.
        Assert.Equal(ExpectedQueue(k, Server), k.q.owner[Server]);
        Assert.Equal(Client, k.current);
    }

    [Fact]
    public void CancelingTheCallerReturnsTheContext()
    {
        var k = Serving();
        Assert.Equal(OK, k.Cancel(Client));
        AssertValid(k);
        Assert.Equal(ErrCanceled, k.err[Client]);
        Assert.Equal(5, k.prio[Server]);
        Assert.Equal(Server, k.m.runsOn[Server]);
        Assert.Equal(Client, k.current);
    }

    [Fact]
    public void AReplyTimeoutReturnsTheContext()
    {
        var k = Serving(rcvTimeout: 3);
        for (ulong now = 1; now <= 3; now++)
        {
            k.Tick(now);
            AssertValid(k);
        }
        Assert.Equal(ErrRecvTimeout, k.err[Client]);
        Assert.Equal(5, k.prio[Server]);
        Assert.Equal(Client, k.current);
    }

    [Fact]
    public void KillingTheCallerReturnsTheContext()
    {
        var k = Serving();
        Assert.Equal(OK, k.Kill(Client));
        AssertValid(k);
        Assert.Equal(Dead, k.state[Client]);
        Assert.Equal(5, k.prio[Server]);
        // The medium thread now outranks the server.
        Assert.Equal(Medium, k.current);
    }

    [Fact]
    public void TheServerKeepsTheHighestLentPriorityUntilItsLastWaiterLeaves()
    {
        var k = Serving();
        // While the server sleeps, a second thread (15) waits for it in a closed receive as well.
        const uint Second = 3;
        Create(k, Second, 15);
        Assert.Equal(Pending, k.Sleep(TimeoutNever, 0));
        Assert.Equal(Second, k.current);
        Assert.Equal(Pending, k.Receive(Server, 64, 7, TimeoutNever, 0));
        AssertValid(k);
        Assert.Equal(20, k.prio[Server]);       // already above 15: nothing to lend
        // The client leaves; the second thread still waits: the server keeps what it was lent (bounded: until
        // nobody waits for it).
        Assert.Equal(OK, k.Cancel(Client));
        AssertValid(k);
        Assert.Equal(20, k.prio[Server]);
        Assert.Equal(OK, k.Cancel(Second));
        AssertValid(k);
        Assert.Equal(5, k.prio[Server]);
        Assert.Equal(Server, k.m.runsOn[Server]);
    }

    [Fact]
    public void HelpingFollowsTheChainOfClosedWaits()
    {
        // A (20) sleeps; B (5) calls X (3) through ep 1; then A waits for B: B and, through B's wait, X run at 20.
        const uint A = 0, B = 1, X = 2;
        var k = New(8, 2);
        Assert.Equal(OK, k.CreateEndpoint(1));
        Create(k, A, 20);
        Create(k, B, 5);
        Create(k, X, 3);
        Assert.Equal(Pending, k.Sleep(10, 0));
        Assert.Equal(B, k.current);
        Assert.Equal(Pending, k.Call(1, 1, 1, 0, TimeoutNever, TimeoutNever, 1));
        Assert.Equal(X, k.current);
        Assert.Equal(OK, k.Wait(1, 64, 7, TimeoutNever, 1));  // B's call is taken at once
        Assert.Equal(RecvClosed, k.state[B]);
        Assert.Equal(5, k.prio[X]);            // B's call lent X priority 5
        Assert.Equal(X, k.current);
        for (ulong now = 1; now <= 10; now++)
        {
            k.Tick(now);
        }
        Assert.Equal(A, k.current);
        Assert.Equal(Pending, k.Receive(B, 64, 7, TimeoutNever, 10));
        AssertValid(k);
        Assert.Equal(20, k.prio[B]);
        Assert.Equal(20, k.prio[X]);
        Assert.Equal(A, k.m.runsOn[X]);
        Assert.Equal(X, k.current);
        // X answers B: X gives back; B (still waited for by A) keeps 20 and runs.
        Assert.Equal(OK, k.Reply(B, 2, 1, 0, 11));
        AssertValid(k);
        Assert.Equal(3, k.prio[X]);
        Assert.Equal(B, k.current);
        Assert.Equal(OK, k.Reply(A, 3, 1, 0, 11));
        AssertValid(k);
        Assert.Equal(5, k.prio[B]);
        Assert.Equal(A, k.current);
        Assert.Equal(3ul, k.m.recvWord[A]);
    }

    [Fact]
    public void ACallThatFindsTheServerBusyHelpsIt()
    {
        // The server (5) serves a low client (8); a medium thread (10) is Ready; a high client (20) Calls and finds
        // nobody waiting on the endpoint: it lends the busy server its context, so the server outruns the medium
        // thread, answers, and takes the high client's Call next.
        const uint S = 0, L = 1, M = 2, H = 3;
        var k = New(8, 1);
        Assert.Equal(OK, k.CreateEndpoint(Ep));
        Create(k, S, 5);
        Assert.Equal(Pending, k.Wait(Ep, 64, 7, TimeoutNever, 0));
        Create(k, L, 8);
        Assert.Equal(Pending, k.Call(Ep, 1, 1, 0, TimeoutNever, TimeoutNever, 0));
        Assert.Equal(S, k.current);
        Assert.Equal(8, k.prio[S]);
        Create(k, M, 10);
        Assert.Equal(M, k.current);
        Create(k, H, 20);
        Assert.Equal(H, k.current);
        Assert.Equal(Pending, k.Call(Ep, 2, 1, 0, TimeoutNever, TimeoutNever, 0));
        AssertValid(k);
        Assert.Equal(CallBlocked, k.state[H]);
        Assert.Equal(20, k.prio[S]);
        Assert.Equal(H, k.m.runsOn[S]);
        Assert.Equal(S, k.current);
        // The answer to the low client returns what was lent; the wait then takes the high client's Call at once.
        Assert.Equal(OK, k.ReplyWait(L, 3, 1, 0, Ep, 64, 7, TimeoutNever, 1));
        AssertValid(k);
        Assert.Equal(OK, k.err[L]);
        Assert.Equal(RecvClosed, k.state[H]);
        Assert.Equal(2ul, k.m.recvWord[S]);
        Assert.Equal(20, k.prio[S]);
        Assert.Equal(S, k.current);
        Assert.Equal(OK, k.Reply(H, 4, 1, 0, 2));
        AssertValid(k);
        Assert.Equal(5, k.prio[S]);
        Assert.Equal(H, k.current);
    }

    [Fact]
    public void ASendDoesNotHelp()
    {
        const uint S = 0, L = 1, H = 3;
        var k = New(8, 1);
        Assert.Equal(OK, k.CreateEndpoint(Ep));
        Create(k, S, 5);
        Assert.Equal(Pending, k.Wait(Ep, 64, 7, TimeoutNever, 0));
        Create(k, L, 8);
        Assert.Equal(Pending, k.Call(Ep, 1, 1, 0, TimeoutNever, TimeoutNever, 0));
        Create(k, H, 20);
        Assert.Equal(Pending, k.Send(Ep, 2, 1, 0, TimeoutNever, 0));
        AssertValid(k);
        Assert.Equal(SendBlocked, k.state[H]);
        Assert.Equal(8, k.prio[S]);     // only the low client's loan
    }

    [Fact]
    public void TheTimerRotatesThreadsOfEqualPriorityEveryQuantum()
    {
        var k = New(4, 1);
        Create(k, 0, 10);
        Create(k, 1, 10);
        Assert.Equal(0u, k.current);
        for (ulong now = 1; now < Quantum; now++)
        {
            k.Tick(now);
            Assert.Equal(0u, k.current);
        }
        Assert.Equal(1ul, k.m.left[0]);
        k.Tick(Quantum);
        AssertValid(k);
        Assert.Equal(1u, k.current);
        Assert.Equal(Quantum, k.m.left[0]);     // refilled for its next turn
        for (ulong now = Quantum + 1; now <= 2 * Quantum; now++)
        {
            k.Tick(now);
        }
        Assert.Equal(0u, k.current);
    }

    [Fact]
    public void TheServerUsesUpTheCallersTimeslice()
    {
        var k = Serving();
        Assert.Equal(Server, k.current);
        k.Tick(1);
        k.Tick(2);
        Assert.Equal(Quantum - 2, k.m.left[Client]);
        Assert.Equal(Quantum, k.m.left[Server]);
        // Used up: the server goes behind the Ready threads of the priority it runs at; none is there, so it runs on.
        for (ulong now = 3; now <= Quantum; now++)
        {
            k.Tick(now);
        }
        AssertValid(k);
        Assert.Equal(Server, k.current);
        Assert.Equal(Quantum, k.m.left[Client]);
    }

    [Fact]
    public void YieldRunsTheNextThreadOfTheSamePriorityAndRefillsTheSlice()
    {
        var k = New(4, 1);
        Create(k, 0, 10);
        Create(k, 1, 10);
        Create(k, 2, 10);
        k.Tick(1);
        Assert.Equal(Quantum - 1, k.m.left[0]);
        k.Yield();
        AssertValid(k);
        Assert.Equal(1u, k.current);
        Assert.Equal(Ready, k.state[0]);
        Assert.Equal(Quantum, k.m.left[0]);
        // Behind the threads already Ready: 2 comes before 0.
        k.Yield();
        Assert.Equal(2u, k.current);
        k.Yield();
        Assert.Equal(0u, k.current);
        AssertValid(k);
    }

    [Fact]
    public void YieldWithNothingElseReadyAtItsPriorityKeepsTheCpuAndChangesNoResult()
    {
        var k = New(4, 1);
        Create(k, 0, 10);
        Create(k, 1, 5);
        k.Tick(1);
        Assert.Equal(Quantum - 1, k.m.left[0]);
        uint result = k.err[0];
        k.Yield();
        AssertValid(k);
        Assert.Equal(0u, k.current);
        Assert.Equal(Running, k.state[0]);
        Assert.Equal(Ready, k.state[1]);       // a lower priority never gets a yield's CPU
        Assert.Equal(result, k.err[0]);
        Assert.Equal(Quantum, k.m.left[0]);
    }

    [Fact]
    public void AServerYieldsTheSliceItRunsOnToTheThreadsOfThePriorityLentToIt()
    {
        var k = Serving();
        k.Tick(1);
        Assert.Equal(Quantum - 1, k.m.left[Client]);
        k.Yield();
        AssertValid(k);
        // Lent priority 20: nobody else is Ready there, so the server runs on, on its caller's slice, refilled.
        Assert.Equal(Server, k.current);
        Assert.Equal(Quantum, k.m.left[Client]);
        Assert.Equal(Ready, k.state[Medium]);
    }
}
