// Every termination case of docs/ipc-termination.md on the compiled core (spec/Ipc), asserting the error code on
// both sides and the invariant after every step.
using IpcState;
using Xunit;
using static IpcTypes.__default;
using static Verified.Core.Tests.Ipc.IpcKernels;

namespace Verified.Core.Tests.Ipc;

public sealed class IpcTerminationTests
{
    private const uint Server = 0;
    private const uint Client = 1;
    private const uint Ep = 0;

    /// <summary>A kernel with endpoint 0; the server (priority 10) waits on it open, the client (5) runs.</summary>
    private static IpcKernel ServerWaiting(ulong recvMax = 64, ulong recvRights = 7)
    {
        var k = New(8, 2);
        Assert.Equal(OK, k.CreateEndpoint(Ep));
        Create(k, Server, 10);
        Assert.Equal(Server, k.current);
        Assert.Equal(Pending, k.Wait(Ep, recvMax, recvRights, TimeoutNever, 0));
        Assert.Equal(RecvBlocked, k.state[Server]);
        Create(k, Client, 5);
        Assert.Equal(Client, k.current);
        AssertValid(k);
        return k;
    }

    // A long message: the words copied at the rendezvous, two whole chunks and a part of a third.
    private static readonly ulong LongLength = InlineWords + 2 * ChunkWords + 10;

    /// <summary>The client sent a long message (LongLength words): both sides are in the transfer phase.</summary>
    private static IpcKernel InTransfer()
    {
        var k = ServerWaiting(recvMax: 2 * LongLength);
        Assert.Equal(Pending, k.Send(Ep, 7, LongLength, 0, TimeoutNever, 1));
        Assert.Equal(XferSend, k.state[Client]);
        Assert.Equal(XferRecv, k.state[Server]);
        Assert.Equal(Server, k.obj[Client]);
        Assert.Equal(Client, k.obj[Server]);
        AssertValid(k);
        return k;
    }

    [Fact]
    public void CallAndReplyWaitRoundTripDeliverBothMessages()
    {
        var k = ServerWaiting();
        Assert.Equal(Pending, k.Call(Ep, 42, 2, 0, TimeoutNever, TimeoutNever, 1));
        Assert.Equal(RecvClosed, k.state[Client]);
        Assert.Equal(Server, k.obj[Client]);
        Assert.Equal(Server, k.current);                  // direct switch to the receiver
        Assert.Equal(OK, k.err[Server]);
        Assert.Equal(42ul, k.m.recvWord[Server]);
        Assert.Equal(2ul, k.m.recvLen[Server]);
        Assert.Equal((ulong)Client, k.m.recvFrom[Server]);
        AssertValid(k);

        Assert.Equal(Pending, k.ReplyWait(Client, 99, 1, 0, Ep, 64, 7, TimeoutNever, 2));
        Assert.Equal(OK, k.err[Client]);
        Assert.Equal(99ul, k.m.recvWord[Client]);
        Assert.Equal(RecvBlocked, k.state[Server]);
        Assert.Equal(Client, k.current);
        AssertValid(k);
    }

    [Fact]
    public void AReplyWaitSaysWhetherItRanTheCallerAtOnce()
    {
        // No sender waits on the endpoint: the direct path, the caller runs.
        var k = ServerWaiting();
        Assert.Equal(Pending, k.Call(Ep, 42, 2, 0, TimeoutNever, TimeoutNever, 1));
        k.ReplyWait(Client, 99, 1, 0, Ep, 64, 7, TimeoutNever, 2, out uint r, out bool ran, out bool waited);
        Assert.True(ran);
        Assert.True(waited);
        Assert.Equal(Pending, r);
        Assert.Equal(Client, k.current);
        AssertValid(k);

        // A second client (above the server, so it runs when made) waits to send: the server's wait takes its
        // message, so the general path ran, and says so.
        const uint Second = 2;
        var l = ServerWaiting();
        Assert.Equal(Pending, l.Call(Ep, 42, 2, 0, TimeoutNever, TimeoutNever, 1));
        Create(l, Second, 20);
        Assert.Equal(Second, l.current);
        Assert.Equal(Pending, l.Send(Ep, 5, 1, 0, TimeoutNever, 2));
        Assert.Equal(SendBlocked, l.state[Second]);
        Assert.Equal(Server, l.current);
        l.ReplyWait(Client, 99, 1, 0, Ep, 64, 7, TimeoutNever, 3, out r, out ran, out waited);
        Assert.False(ran);
        Assert.True(waited);
        Assert.Equal(OK, r);
        Assert.Equal(5ul, l.m.recvWord[Server]);
        AssertValid(l);

        // The client has its reply: a second reply finds nobody waiting, and says so, without running anybody.
        l.ReplyWait(Client, 98, 1, 0, Ep, 64, 7, TimeoutNever, 4, out r, out ran, out waited);
        Assert.False(ran);
        Assert.False(waited);
        Assert.NotEqual(OK, r);
        AssertValid(l);
    }

    [Fact]
    public void ACallSaysWhetherItRanTheReceiverAtOnce()
    {
        // A receiver waits and the message fits: the direct path, the receiver runs.
        var k = ServerWaiting();
        k.Call(Ep, 42, 2, 0, TimeoutNever, TimeoutNever, 1, out uint r, out bool ran);
        Assert.True(ran);
        Assert.Equal(Pending, r);
        Assert.Equal(Server, k.current);
        AssertValid(k);

        // No receiver waits: the caller blocks in the send queue, on the general path.
        var l = New(8, 1);
        Assert.Equal(OK, l.CreateEndpoint(Ep));
        Create(l, Client, 5);
        l.Call(Ep, 42, 2, 0, TimeoutNever, TimeoutNever, 1, out r, out ran);
        Assert.False(ran);
        Assert.Equal(Pending, r);
        Assert.Equal(CallBlocked, l.state[Client]);
        AssertValid(l);

        // The message does not fit the receiver's buffer: the general path fails both.
        var f = ServerWaiting(recvMax: 1);
        f.Call(Ep, 42, 2, 0, TimeoutNever, TimeoutNever, 1, out r, out ran);
        Assert.False(ran);
        Assert.Equal(ErrCopyFailed, r);
        Assert.Equal(ErrCopyFailed, f.err[Server]);
        AssertValid(f);
    }

    [Fact]
    public void SendToAWaitingReceiverCompletesAtOnceForBoth()
    {
        var k = ServerWaiting();
        Assert.Equal(OK, k.Send(Ep, 5, 1, 0, TimeoutNever, 1));
        Assert.Equal(OK, k.err[Client]);
        Assert.Equal(OK, k.err[Server]);
        // The receiver runs at once (straight from its wait, SendHandoff) with the message; the sender is Ready.
        Assert.Equal(Server, k.current);
        Assert.Equal(Running, k.state[Server]);
        Assert.Equal(5ul, k.m.recvWord[Server]);
        Assert.Equal(1ul, k.m.recvLen[Server]);
        Assert.Equal((ulong)Client, k.m.recvFrom[Server]);
        Assert.Equal(Ready, k.state[Client]);
        Assert.Equal(ExpectedQueue(k, Client), k.q.owner[Client]);
        Assert.Equal(QNil, k.q.owner[Server]);
        AssertValid(k);
    }

    [Fact]
    public void WaitTakesTheHighestPrioritySenderFirst()
    {
        var k = New(8, 1);
        Assert.Equal(OK, k.CreateEndpoint(Ep));
        Create(k, 2, 3);
        Assert.Equal(Pending, k.Send(Ep, 300, 1, 0, TimeoutNever, 0));
        Create(k, 3, 7);
        Assert.Equal(Pending, k.Send(Ep, 700, 1, 0, TimeoutNever, 0));
        Create(k, 4, 1);
        Assert.Equal(OK, k.Wait(Ep, 64, 7, TimeoutNever, 0));
        Assert.Equal(700ul, k.m.recvWord[4]);
        Assert.Equal(OK, k.err[3]);
        Assert.Equal(Pending, k.err[2]);
        AssertValid(k);
    }

    [Fact]
    public void NoPartnerOnADeadEndpointAndADeadThread()
    {
        var k = New(4, 2);
        Assert.Equal(OK, k.CreateEndpoint(0));
        Create(k, 0, 4);
        Assert.Equal(ErrNoPartner, k.Send(1, 1, 1, 0, TimeoutNever, 0));
        Assert.Equal(ErrNoPartner, k.Call(7, 1, 1, 0, TimeoutNever, TimeoutNever, 0));
        Assert.Equal(ErrNoPartner, k.Receive(3, 64, 7, TimeoutNever, 0));
        Assert.Equal(ErrNoPartner, k.Reply(2, 1, 1, 0, 0));
        Assert.Equal(Running, k.state[0]);
        AssertValid(k);
    }

    [Fact]
    public void CopyFailureWhenTheMessageExceedsTheReceiveBuffer()
    {
        var k = ServerWaiting(recvMax: 1);
        Assert.Equal(ErrCopyFailed, k.Send(Ep, 1, 4, 0, TimeoutNever, 1));
        Assert.Equal(ErrCopyFailed, k.err[Server]);
        Assert.Equal(ErrCopyFailed, k.err[Client]);
        AssertValid(k);
    }

    [Fact]
    public void MapFailureWhenTheMapItemExceedsTheWindowRights()
    {
        var k = ServerWaiting(recvRights: 1);
        Assert.Equal(ErrMapFailed, k.Send(Ep, 1, 1, 3, TimeoutNever, 1));
        Assert.Equal(ErrMapFailed, k.err[Server]);
        Assert.Equal(ErrMapFailed, k.err[Client]);
        AssertValid(k);
    }

    [Fact]
    public void CancelBeforeTheRendezvousGivesCanceled()
    {
        var k = ServerWaiting();
        Assert.Equal(OK, k.Cancel(Server));
        Assert.Equal(ErrCanceled, k.err[Server]);
        Assert.Equal(Running, k.state[Server]);              // it outranks the client: runs at once
        Assert.Equal(Server, k.current);
        Assert.Equal(ErrWrongState, k.Cancel(Server));       // nothing left to cancel
        Assert.Equal(ErrSendTimeout, k.Send(Ep, 1, 1, 0, TimeoutZero, 0));  // nobody waits on the endpoint any more
        AssertValid(k);
    }

    [Fact]
    public void CancelOfABlockedSenderGivesCanceledAndLeavesTheQueue()
    {
        var k = New(4, 1);
        Assert.Equal(OK, k.CreateEndpoint(Ep));
        Create(k, 0, 4);
        Assert.Equal(Pending, k.Send(Ep, 1, 1, 0, TimeoutNever, 0));
        Assert.Equal(OK, k.Cancel(0));
        Assert.Equal(ErrCanceled, k.err[0]);
        Assert.Equal(Running, k.state[0]);
        Assert.Equal(ErrRecvTimeout, k.Wait(Ep, 64, 7, TimeoutZero, 0));   // the send queue is empty
        AssertValid(k);
    }

    [Fact]
    public void AbortDuringTheTransferGivesAbortedToBoth()
    {
        var k = InTransfer();
        Assert.Equal(OK, k.Abort(Client));
        Assert.Equal(ErrAborted, k.err[Client]);
        Assert.Equal(ErrAborted, k.err[Server]);
        Assert.Equal(ErrWrongState, k.Abort(Client));
        AssertValid(k);
    }

    [Fact]
    public void LongTransferCompletesInChunksWithPreemptionPoints()
    {
        var k = InTransfer();
        // The words up to InlineWords were copied at the rendezvous; each chunk copies ChunkWords more.
        Assert.Equal((ulong)InlineWords, k.m.xferDone[Client]);
        Assert.Equal(Pending, k.TransferChunk(Server, 2));
        Assert.Equal((ulong)InlineWords + ChunkWords, k.m.xferDone[Client]);
        Assert.Equal(Pending, k.TransferChunk(Client, 3));
        Assert.Equal(OK, k.TransferChunk(Client, 4));
        Assert.Equal(LongLength, k.m.xferDone[Client]);
        Assert.Equal(OK, k.err[Client]);
        Assert.Equal(OK, k.err[Server]);
        Assert.Equal(LongLength, k.m.recvLen[Server]);
        AssertValid(k);
    }

    [Fact]
    public void PartnerKilledWhileWaitingForTheReply()
    {
        var k = ServerWaiting();
        Assert.Equal(Pending, k.Call(Ep, 42, 1, 0, TimeoutNever, TimeoutNever, 1));
        Assert.Equal(OK, k.err[Server]);
        Assert.Equal(OK, k.Kill(Server));
        Assert.Equal(ErrPartnerKilled, k.err[Client]);
        Assert.Equal(Dead, k.state[Server]);
        for (uint t = 0; t < k.n; t++)
        {
            Assert.False(k.obj[t] == Server && (k.state[t] == RecvClosed || k.state[t] == XferSend || k.state[t] == XferRecv));
        }
        AssertValid(k);
    }

    [Fact]
    public void PartnerKilledDuringTheTransfer()
    {
        var k = InTransfer();
        Assert.Equal(OK, k.Kill(Client));
        Assert.Equal(ErrPartnerKilled, k.err[Server]);
        Assert.Equal(Dead, k.state[Client]);
        AssertValid(k);
    }

    [Fact]
    public void SendTimeoutExpiresAtTheDeadline()
    {
        var k = New(4, 1);
        Assert.Equal(OK, k.CreateEndpoint(Ep));
        Create(k, 0, 4);
        Assert.Equal(ErrSendTimeout, k.Send(Ep, 1, 1, 0, TimeoutZero, 0));
        Assert.Equal(Pending, k.Send(Ep, 1, 1, 0, 5, 10));
        for (ulong now = 11; now < 15; now++)
        {
            k.Tick(now);
            Assert.Equal(SendBlocked, k.state[0]);
        }
        k.Tick(15);
        Assert.Equal(ErrSendTimeout, k.err[0]);
        Assert.Equal(Running, k.state[0]);
        AssertValid(k);
    }

    [Fact]
    public void ReceiveTimeoutExpiresForWaitAndForTheReplyOfACall()
    {
        var k = New(4, 1);
        Assert.Equal(OK, k.CreateEndpoint(Ep));
        Create(k, 0, 4);
        Assert.Equal(ErrRecvTimeout, k.Wait(Ep, 64, 7, TimeoutZero, 0));
        Assert.Equal(Pending, k.Wait(Ep, 64, 7, 3, 0));
        k.Tick(1); k.Tick(2); k.Tick(3);
        Assert.Equal(ErrRecvTimeout, k.err[0]);

        var s = ServerWaiting();
        Assert.Equal(Pending, s.Call(Ep, 1, 1, 0, TimeoutNever, 3, 10));
        Assert.Equal(OK, s.err[Server]);
        s.Tick(11); s.Tick(12);
        Assert.Equal(RecvClosed, s.state[Client]);
        s.Tick(13);
        Assert.Equal(ErrRecvTimeout, s.err[Client]);
        Assert.Equal(ErrNoPartner, s.Reply(Client, 1, 1, 0, 14));   // the server's late reply finds nobody
        AssertValid(s);
    }

    [Fact]
    public void PageFaultTimeoutOnEitherSideAbortsBoth()
    {
        var k = InTransfer();
        Assert.Equal(OK, k.PageFault(Server, 5, 1));
        Assert.Equal(ErrWrongState, k.TransferChunk(Client, 2));   // suspended
        for (ulong now = 2; now <= 6; now++) k.Tick(now);
        Assert.Equal(ErrRecvPfTimeout, k.err[Server]);
        Assert.Equal(ErrRecvPfTimeout, k.err[Client]);
        AssertValid(k);

        var j = InTransfer();
        Assert.Equal(OK, j.PageFault(Client, 2, 1));
        j.Tick(2); j.Tick(3);
        Assert.Equal(ErrSendPfTimeout, j.err[Server]);
        Assert.Equal(ErrSendPfTimeout, j.err[Client]);
        AssertValid(j);
    }

    [Fact]
    public void NestedPageFaultFailureAbortsTheOuterIpcAndSuccessResumesIt()
    {
        var k = InTransfer();
        Assert.Equal(OK, k.PageFault(Client, TimeoutNever, 1));
        Assert.Equal(OK, k.PageFaultDone(Client, false));
        Assert.Equal(ErrNestedPf, k.err[Client]);
        Assert.Equal(ErrNestedPf, k.err[Server]);
        AssertValid(k);

        var j = InTransfer();
        Assert.Equal(OK, j.PageFault(Server, 10, 1));
        Assert.Equal(OK, j.PageFaultDone(Server, true));
        Assert.Equal(Pending, j.TransferChunk(Server, 2));
        Assert.Equal(Pending, j.TransferChunk(Server, 3));
        Assert.Equal(OK, j.TransferChunk(Server, 4));
        Assert.Equal(OK, j.err[Server]);
        Assert.Equal(OK, j.err[Client]);
        AssertValid(j);
    }

    [Fact]
    public void DestroyEndpointFailsEveryQueuedThreadWithNoPartner()
    {
        var k = New(4, 1);
        Assert.Equal(OK, k.CreateEndpoint(Ep));
        Create(k, 0, 4);
        Assert.Equal(Pending, k.Send(Ep, 1, 1, 0, TimeoutNever, 0));
        Create(k, 1, 4);
        Assert.Equal(Pending, k.Call(Ep, 1, 1, 0, TimeoutNever, TimeoutNever, 0));
        Assert.Equal(OK, k.DestroyEndpoint(Ep));
        Assert.Equal(ErrNoPartner, k.err[0]);
        Assert.Equal(ErrNoPartner, k.err[1]);
        Assert.Equal(ErrNoPartner, k.Send(Ep, 1, 1, 0, TimeoutNever, 0));
        AssertValid(k);
    }

    [Fact]
    public void SleepEndsWithOkAtItsTimeout()
    {
        var k = New(4, 1);
        Create(k, 0, 4);
        Assert.Equal(Pending, k.Sleep(2, 0));
        Assert.Equal(NoThread, k.current);
        k.Tick(1);
        Assert.Equal(Sleeping, k.state[0]);
        k.Tick(2);
        Assert.Equal(OK, k.err[0]);
        Assert.Equal(0u, k.current);
        AssertValid(k);
    }

    [Fact]
    public void AHigherPriorityThreadPreemptsAndTheReceiverRunsOnRendezvous()
    {
        var k = New(4, 1);
        Create(k, 0, 4);
        Create(k, 1, 9);
        Assert.Equal(1u, k.current);
        Assert.Equal(Ready, k.state[0]);
        Create(k, 2, 2);
        Assert.Equal(1u, k.current);
        AssertValid(k);
    }

    [Fact]
    public void InvalidArgumentsReturnErrorsAndChangeNothing()
    {
        var k = New(4, 1);
        Assert.Equal(ErrNoCurrent, k.Send(0, 1, 1, 0, TimeoutNever, 0));
        Assert.Equal(ErrInvalidThread, k.CreateThread(4, 1));
        Assert.Equal(ErrInvalidArgument, k.CreateThread(0, 32));
        Assert.Equal(ErrInvalidArgument, k.CreateEndpoint(1));
        Assert.Equal(ErrInvalidThread, k.Kill(9));
        Assert.Equal(ErrWrongState, k.Kill(0));
        Assert.Equal(ErrInvalidThread, k.Cancel(9));
        Assert.Equal(ErrWrongState, k.Abort(0));
        Assert.Equal(ErrWrongState, k.TransferChunk(0, 0));
        Assert.Equal(ErrWrongState, k.PageFault(0, 1, 0));
        Assert.Equal(ErrWrongState, k.PageFaultDone(0, true));
        Assert.Equal(NoThread, k.current);
        AssertValid(k);
    }
}
