// Termination case OK (docs/ipc-termination.md, short message): both sides of a rendezvous get 0, whichever side
// arrives first, and the receiver gets the words, the label and the badge of the sender's capability.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class SuccessTests
    {
        [Fact]
        public void ASendToAWaitingReceiverIsOkForBoth()
        {
            var world = new World(101);
            ulong sent = 1;
            IpcResult? received = null;
            // The receiver's higher priority makes it wait before the sender runs at all.
            world.Spawn("receiver", async ctx => received = await Ipc.Wait(ctx, World.Endpoint), priority: 9);
            world.Spawn("sender", async ctx =>
                sent = (await Ipc.Send(ctx, World.BadgedEndpoint, 0x77, new ulong[] { 1, 2, 3, 4, 5, 6, 7, 8 })).Result,
                priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received!.Result);
            Assert.Equal(World.Badge, received.Badge);
            Assert.Equal(0x77UL, received.Label);
            Assert.False(received.ReplyExpected);
            Assert.Equal(new ulong[] { 1, 2, 3, 4, 5, 6, 7, 8 }, received.Words);
        }

        [Fact]
        public void AReceiverFindingABlockedSenderIsOkForBoth()
        {
            var world = new World(102);
            ulong sent = 1;
            IpcResult? received = null;
            // The sender's higher priority makes it block in the send queue first.
            world.Spawn("sender", async ctx => sent = (await Ipc.Send(ctx, World.Endpoint, 0x9, new ulong[] { 42 })).Result,
                priority: 9);
            world.Spawn("receiver", async ctx => received = await Ipc.Wait(ctx, World.Endpoint), priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received!.Result);
            Assert.Equal(0UL, received.Badge);                // the unbadged capability
            Assert.Equal(new ulong[] { 42 }, received.Words);
        }

        [Fact]
        public void AnEmptyMessageCarriesOnlyItsLabel()
        {
            var world = new World(103);
            ulong sent = 1;
            IpcResult? received = null;
            world.Spawn("receiver", async ctx => received = await Ipc.Wait(ctx, World.Endpoint), priority: 9);
            world.Spawn("sender", async ctx =>
                sent = (await Ipc.Send(ctx, World.Endpoint, 0xFFFF_FFFF_FFF0, System.Array.Empty<ulong>())).Result, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received!.Result);
            Assert.Equal(0xFFFF_FFFF_FFF0UL, received.Label);
            Assert.Empty(received.Words);
        }

        [Fact]
        public void AClosedReceiveOfACallAnswersWithReply()
        {
            var world = new World(104);
            IpcResult? reply = null, request = null;
            ulong replied = 1;
            SimThread client = world.Spawn("client", async ctx =>
                reply = await Ipc.Call(ctx, World.Endpoint, 0x3, new ulong[] { 21 }), priority: 9);
            world.Spawn("server", async ctx =>
            {
                request = await Ipc.Wait(ctx, world.SlotOf(client));
                replied = (await Ipc.Reply(ctx, 0x4, new[] { request.Words[0] * 2 })).Result;
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, request!.Result);
            Assert.True(request.ReplyExpected);
            Assert.Equal(Ok, replied);
            Assert.Equal(Ok, reply!.Result);
            Assert.Equal(new ulong[] { 42 }, reply.Words);
        }
    }
}
