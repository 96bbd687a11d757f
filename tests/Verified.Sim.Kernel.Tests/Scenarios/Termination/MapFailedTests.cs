// Termination case ErrMapFailed (7): a map item asking for more rights than the receive window accepts fails the
// IPC on both sides at the rendezvous (the sender in its send phase, the receiver with bit 24), and nothing is
// mapped. The IPC core decides it from two numbers (docs/abi.md section 9): the union of the items' rights against
// the window's rights.
using System;
using Verified.Sim.Kernel.Tests.Scenarios.Memory;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Memory.MemoryCodes;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class MapFailedTests
    {
        [Fact]
        public void RightsAboveTheWindowFailBothSides()
        {
            Scenario.ForEachSeed(seed =>
            {
                var w = new MemoryWorld(seed);
                ulong sent = 1, received = 1;
                w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
                {
                    sent = (await ItemMessage.Send(ctx, World.Endpoint, 1, new ulong[] { 5 },
                        new[] { M.Map(M.Flexpage(M.Page(3), 0, M.RightsRW)) })).Result;
                });
                w.Spawn("client", 1, async ctx =>
                {
                    M.Accept(ctx, M.Flexpage(M.Page(100), 0, M.RightsR));
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                });
                w.World.RunToEnd();
                Assert.Equal(IpcMapFailed, sent);
                Assert.Equal(IpcMapFailed | ReceivePhase, received);
                w.AssertUnmapped(1, 100);
            });
        }

        [Fact]
        public void AReceiverThatAcceptsNoMapItemsFailsACall()
        {
            var w = new MemoryWorld(21);
            ulong called = 1, received = 1;
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                called = (await ItemMessage.Call(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(3), 0, M.RightsR)) })).Result;
            });
            w.Spawn("client", 1, async ctx =>
            {
                M.Accept(ctx, 0);
                received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
            });
            w.World.RunToEnd();
            Assert.Equal(IpcMapFailed, called);
            Assert.Equal(IpcMapFailed | ReceivePhase, received);
        }

        [Fact]
        public void AReplyWithRightsAboveTheCallersWindowFailsBothSides()
        {
            var w = new MemoryWorld(22);
            ulong called = 1, replied = 1;
            w.Spawn("client", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(100), 0, M.RightsR));
                called = (await Ipc.Call(ctx, World.Endpoint, 1, Array.Empty<ulong>())).Result;
            });
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                replied = (await ItemMessage.ReplyWait(ctx, World.Endpoint, 2, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(3), 0, M.RightsAll)) }, Timeout.Zero)).Result;
            });
            w.World.RunToEnd();
            Assert.Equal(IpcMapFailed | ReceivePhase, called);
            Assert.Equal(IpcMapFailed, replied);     // the reply (send phase) failed; the wait never started
            w.AssertUnmapped(1, 100);
        }
    }
}
