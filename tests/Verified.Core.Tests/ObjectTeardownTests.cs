// The capability and IPC cores together: deleting the last capability to an endpoint or a thread is reported
// exactly by the capability core (proved), and the teardown the kernel then runs (IPC's DestroyEndpoint or Kill)
// gives every thread blocked on it an error while both cores' invariants hold. This is the sequence the kernel's delete system call
// performs: RevokeStep until done, Delete, and on a last-capability report the object's teardown.
using CapsSpace;
using IpcState;
using Verified.Core.Tests.Caps;
using Verified.Core.Tests.Ipc;
using Xunit;
using C = CapsTypes.__default;
using I = IpcTypes.__default;

namespace Verified.Core.Tests;

public sealed class ObjectTeardownTests
{
    private const uint Endpoint = 0;
    private const byte AllRights = 7;

    [Fact]
    public void DeletingTheLastEndpointCapabilityFailsItsBlockedThreadsAndKeepsBothCoresValid()
    {
        CapSpace caps = CapSpaces.New(tasks: 2, slotsPerTask: 4, objects: 4);
        IpcKernel ipc = IpcKernels.New(4, 1);
        Assert.Equal(I.OK, ipc.CreateEndpoint(Endpoint));
        Assert.Equal(C.OK, caps.CreateRoot(0, 0, Endpoint, C.TypeEndpoint, AllRights));
        Assert.Equal(C.OK, caps.Transfer(0, 0, 1, 0, C.TransferCopy));   // task 1 got a copy by IPC

        IpcKernels.Create(ipc, 0, 4);
        Assert.Equal(I.Pending, ipc.Send(Endpoint, 1, 1, 0, I.TimeoutNever, 0));
        IpcKernels.Create(ipc, 1, 4);
        Assert.Equal(I.Pending, ipc.Call(Endpoint, 1, 1, 0, I.TimeoutNever, I.TimeoutNever, 0));

        // Deleting a derived copy is not the last capability: nothing is torn down.
        Assert.Equal(C.OK, caps.Transfer(0, 0, 1, 1, C.TransferCopy));
        Assert.Equal(0, Delete(caps, ipc, task: 1, slot: 1));
        Assert.Equal(I.Pending, ipc.err[0]);

        // Deleting the root: revoke its descendants first, then the root itself is the last one.
        Assert.Equal(1, Delete(caps, ipc, task: 0, slot: 0));
        Assert.Equal(I.ErrNoPartner, ipc.err[0]);
        Assert.Equal(I.ErrNoPartner, ipc.err[1]);
        Assert.Equal(C.TypeNull, caps.capType[CapSpaces.Node(caps, 1, 0)]);   // the revoke took task 1's copy too
        Assert.Empty(CapSpaces.AssertInvariant(caps));
        IpcKernels.AssertValid(ipc);
    }

    [Fact]
    public void DeletingTheLastThreadCapabilityKillsItAndItsCallerGetsPartnerKilled()
    {
        const uint Server = 0;
        const uint Client = 1;
        CapSpace caps = CapSpaces.New(tasks: 2, slotsPerTask: 4, objects: 4);
        IpcKernel ipc = IpcKernels.New(4, 1);
        Assert.Equal(I.OK, ipc.CreateEndpoint(Endpoint));
        IpcKernels.Create(ipc, Server, 10);
        Assert.Equal(I.Pending, ipc.Wait(Endpoint, 64, 7, I.TimeoutNever, 0));
        IpcKernels.Create(ipc, Client, 5);
        Assert.Equal(I.Pending, ipc.Call(Endpoint, 42, 1, 0, I.TimeoutNever, I.TimeoutNever, 1));
        Assert.Equal(I.RecvClosed, ipc.state[Client]);              // the client waits for the server's reply

        Assert.Equal(C.OK, caps.CreateRoot(0, 0, Server, C.TypeThread, AllRights));
        Assert.Equal(1, Delete(caps, ipc, task: 0, slot: 0));
        Assert.Equal(I.Dead, ipc.state[Server]);
        Assert.Equal(I.ErrPartnerKilled, ipc.err[Client]);
        Assert.Empty(CapSpaces.AssertInvariant(caps));
        IpcKernels.AssertValid(ipc);
    }

    /// <summary>The kernel's delete: revoke, delete, tear down on a last-capability report. Returns teardowns run.</summary>
    private static int Delete(CapSpace caps, IpcKernel ipc, uint task, uint slot)
    {
        bool done = false;
        for (int steps = 0; !done; steps++)
        {
            Assert.True(steps < 100, "revoke does not finish");
            caps.RevokeStep(task, slot, out uint revokeError, out done, out _);
            Assert.Equal(C.OK, revokeError);
        }
        caps.Delete(task, slot, out uint err, out ulong obj, out byte type);
        Assert.Equal(C.OK, err);
        if (type == C.TypeEndpoint)
        {
            Assert.Equal(I.OK, ipc.DestroyEndpoint((uint)obj));
            return 1;
        }
        if (type == C.TypeThread)
        {
            Assert.Equal(I.OK, ipc.Kill((uint)obj));
            return 1;
        }
        Assert.Equal(C.TypeNull, type);
        return 0;
    }
}
