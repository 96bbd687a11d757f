// Helpers for IPC core tests: construction, named threads, and Valid() plus the cross-structure invariant recomputed
// in C# from the compiled core's arrays after every step.
using IpcState;
using Verified.Explorer.Kernel;
using Xunit;
using static IpcTypes.__default;

namespace Verified.Core.Tests.Ipc;

internal static class IpcKernels
{
    public const uint QNil = 0xFFFF_FFFF;

    public static IpcKernel New(uint threads, uint endpoints)
    {
        var k = new IpcKernel();
        k.__ctor(threads, endpoints);
        return k;
    }

    /// <summary>Creates thread t at priority p and gives it a receive buffer (its UTCB) of 64 words, all rights.</summary>
    public static void Create(IpcKernel k, uint t, byte p)
    {
        Assert.Equal(OK, k.CreateThread(t, p));
        k.m.recvMax[t] = 64;
        k.m.recvRights[t] = 7;
    }

    /// <summary>The queue the spec says thread t belongs in (IpcState.QueueFor), restated in C#.</summary>
    public static uint ExpectedQueue(IpcKernel k, uint t) => IpcKernelInvariant.ExpectedQueue(k, t);

    /// <summary>The invariant of <see cref="IpcKernelInvariant.Check"/>: null when it holds, else what breaks.</summary>
    public static string? Check(IpcKernel k) => IpcKernelInvariant.Check(k);

    public static void AssertValid(IpcKernel k)
    {
        string? failure = Check(k);
        Assert.True(failure is null, failure);
    }

    /// <summary>The core's Call, returning its result code. Where the core says it took its direct path (`ran`), what
    /// it promises then (CallRan) is checked at once: the receiver runs with the message and OK, and the caller waits
    /// for its reply.</summary>
    public static uint Call(this IpcKernel k, uint ep, ulong word, ulong len, ulong rights, ulong sndTimeout,
        ulong rcvTimeout, ulong now)
    {
        uint caller = k.current;
        k.Call(ep, word, len, rights, sndTimeout, rcvTimeout, now, out uint r, out bool ran);
        if (ran)
        {
            uint receiver = k.current;
            Assert.Equal(Pending, r);
            Assert.NotEqual(caller, receiver);
            Assert.Equal(OK, k.err[receiver]);
            Assert.Equal(word, k.m.recvWord[receiver]);
            Assert.Equal((ulong)caller, k.m.recvFrom[receiver]);
            Assert.Equal(RecvClosed, k.state[caller]);
            Assert.Equal(receiver, k.obj[caller]);
        }
        return r;
    }

    /// <summary>The core's ReplyWait, returning its result code. Where the core says it took its direct path (`ran`),
    /// what it promises then (Ran) is checked at once: the caller runs with the reply and OK, and the replier waits on
    /// its endpoint. Whether it says `to` waited for the reply is checked against the state before the step.</summary>
    public static uint ReplyWait(this IpcKernel k, uint to, ulong word, ulong len, ulong rights, uint ep, ulong recvMax,
        ulong recvRights, ulong timeout, ulong now)
    {
        uint replier = k.current;
        bool waiting = to < k.n && k.state[to] == RecvClosed && k.obj[to] == replier;
        k.ReplyWait(to, word, len, rights, ep, recvMax, recvRights, timeout, now, out uint r, out bool ran, out bool waited);
        Assert.Equal(waiting, waited);
        if (ran)
        {
            Assert.Equal(Pending, r);
            Assert.Equal(to, k.current);
            Assert.Equal(OK, k.err[to]);
            Assert.Equal(word, k.m.recvWord[to]);
            Assert.Equal((ulong)replier, k.m.recvFrom[to]);
            Assert.Equal(RecvBlocked, k.state[replier]);
        }
        return r;
    }
}
