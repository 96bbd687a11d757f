// Termination case ErrNoPartner (5): nobody to answer (no request received, the request was a Send, the caller
// is gone: timed out or canceled) and a closed receive from a dead thread.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class NoPartnerTests
    {
        [Fact]
        public void AReplyBeforeAnyRequestHasNoPartner()
        {
            var world = new World(111);
            ulong reply = 1, replyWait = 1;
            world.Spawn("server", async ctx =>
            {
                reply = (await Ipc.Reply(ctx, 1, new ulong[] { 1 })).Result;
                // The send phase fails, so the receive phase never starts: the call does not block.
                replyWait = (await Ipc.ReplyWait(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result;
            });
            world.RunToEnd();
            Assert.Equal(NoPartner, reply);
            Assert.Equal(NoPartner, replyWait);
        }

        [Fact]
        public void AReplyToASendHasNoPartnerAndTheSenderIsOk()
        {
            var world = new World(112);
            ulong sent = 1, received = 1, reply = 1;
            world.Spawn("server", async ctx =>
            {
                received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                reply = (await Ipc.Reply(ctx, 1, new ulong[] { 1 })).Result;
            }, priority: 9);
            world.Spawn("sender", async ctx => sent = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result,
                priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received);
            Assert.Equal(NoPartner, reply);
        }

        [Fact]
        public void ALateReplyToACallerThatTimedOutHasNoPartner()
        {
            var world = new World(113);
            ulong request = 1, reply = 1, call = 1;
            world.Spawn("server", async ctx =>
            {
                request = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Ticks(30))).Result);
                reply = (await Ipc.Reply(ctx, 1, new ulong[] { 1 })).Result;
            }, priority: 9);
            world.Spawn("client", async ctx =>
                call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 }, Timeout.Never, Timeout.Ticks(5))).Result,
                priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, request);
            Assert.Equal(IpcRecvTimeout | ReceivePhase, call);
            Assert.Equal(NoPartner, reply);
        }

        [Fact]
        public void ALateReplyToACallerThatWasCanceledHasNoPartner()
        {
            var world = new World(114);
            ulong request = 1, reply = 1, call = 1, cancel = 1;
            SimThread client = null!;
            world.Spawn("server", async ctx =>
            {
                request = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                cancel = await Scenario.WhenInState(ctx, world.SlotOf(client), StateRecvClosed, cancel: true);
                reply = (await Ipc.Reply(ctx, 1, new ulong[] { 1 })).Result;
            }, priority: 9);
            client = world.Spawn("client", async ctx =>
                call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, request);
            Assert.Equal(Ok, cancel);
            Assert.Equal(IpcCanceled | ReceivePhase, call);
            Assert.Equal(NoPartner, reply);
        }

        [Fact]
        public void AClosedReceiveFromAThreadThatEndedHasNoPartner()
        {
            var world = new World(115);
            ulong received = 1;
            SimThread gone = world.Spawn("gone", async ctx => await Threads.Null(ctx), priority: 9);
            world.Spawn("receiver", async ctx => received = (await Ipc.Wait(ctx, world.SlotOf(gone))).Result, priority: 4);
            world.RunToEnd();
            Assert.Equal(NoPartner | ReceivePhase, received);
        }
    }
}
