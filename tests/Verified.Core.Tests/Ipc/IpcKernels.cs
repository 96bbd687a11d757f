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
}
