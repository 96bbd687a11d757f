// Termination case ErrNoPartner (5) on a destroyed object: when the last capability of an endpoint or notification is
// deleted (CapDelete), every thread queued on it is woken with ErrNoPartner in the phase it was in, and the deleter
// gets OK. Deleting a capability that is not the last, and revoking copies, leave queued threads where they are: they
// were let in by a capability that was valid when they called.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    // The namespace Scenarios.Capabilities hides the user library's class of the same name.
    using Capabilities = Verified.User.Sim.Capabilities;

    public sealed class DestroyedEndpointTests
    {
        private const uint Copy = 20;

        [Fact]
        public void QueuedSendersAndCallersGetNoPartnerWhenTheLastCapabilityGoes() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            ulong send = 1, call = 1, delete = 1;
            SimThread sender = null!, caller = null!;
            sender = world.Spawn("sender", async ctx =>
                send = (await Ipc.Send(ctx, World.SecondEndpoint, 1, new ulong[] { 1 })).Result, priority: 9);
            caller = world.Spawn("caller", async ctx =>
                call = (await Ipc.Call(ctx, World.SecondEndpoint, 2, new ulong[] { 2 })).Result, priority: 9);
            world.Spawn("deleter", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(sender), StateSendBlocked));
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(caller), StateCallBlocked));
                delete = await Capabilities.Delete(ctx, World.SecondEndpoint);
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, delete);
            Assert.Equal(NoPartner, send);
            Assert.Equal(NoPartner, call);
        });

        [Fact]
        public void AWaitingReceiverGetsNoPartnerInItsReceivePhase() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            ulong received = 1, delete = 1;
            SimThread receiver = null!;
            receiver = world.Spawn("receiver", async ctx =>
                received = (await Ipc.Wait(ctx, World.SecondEndpoint)).Result, priority: 9);
            world.Spawn("deleter", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(receiver), StateRecvBlocked));
                delete = await Capabilities.Delete(ctx, World.SecondEndpoint);
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, delete);
            Assert.Equal(NoPartner | ReceivePhase, received);
        });

        [Fact]
        public void ANotificationWaiterGetsNoPartner()
        {
            var world = new World(561);
            ulong waited = 1, bits = 1, delete = 1;
            SimThread waiter = null!;
            waiter = world.Spawn("waiter", async ctx =>
                (waited, bits) = await Notifications.Wait(ctx, World.Notification), priority: 9);
            world.Spawn("deleter", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(waiter), StateRecvBlocked));
                delete = await Capabilities.Delete(ctx, World.Notification);
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, delete);
            Assert.Equal(NoPartner, waited);
            Assert.Equal(0ul, bits);
        }

        [Theory]
        [InlineData(565UL)]
        [InlineData(566UL)]
        public void ACallerPastTheRendezvousIsUntouchedAndGetsItsReply(ulong seed)
        {
            // The caller already waits for the server's reply, not on the endpoint: destroying it does not end the call.
            var world = new World(seed);
            ulong request = 1, delete = 1, reply = 1;
            IpcResult? call = null;
            world.Spawn("server", async ctx =>
            {
                request = (await Ipc.Wait(ctx, World.SecondEndpoint)).Result;
                delete = await Capabilities.Delete(ctx, World.SecondEndpoint);
                reply = (await Ipc.Reply(ctx, 7, new ulong[] { 70 })).Result;
            }, priority: 9);
            world.Spawn("client", async ctx => call = await Ipc.Call(ctx, World.SecondEndpoint, 6, new ulong[] { 60 }),
                priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, request);
            Assert.Equal(Ok, delete);
            Assert.Equal(Ok, reply);
            Assert.Equal(Ok, call!.Result);
            Assert.Equal(new ulong[] { 70 }, call.Words);
            Assert.Equal(0, world.Kernel.Core.Ipc.epAlive[2]);
        }

        [Fact]
        public void DeletingACopyLeavesTheQueuedSenderQueued()
        {
            var world = new World(562);
            ulong send = 1, delete = 1;
            ulong stateAfter = 0;
            IpcResult? received = null;
            SimThread sender = null!;
            sender = world.Spawn("sender", async ctx =>
            {
                Assert.Equal(Ok, await Capabilities.Copy(ctx, World.SecondEndpoint, Copy));
                send = (await Ipc.Send(ctx, Copy, 3, new ulong[] { 30 })).Result;
            }, priority: 9);
            world.Spawn("deleter", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(sender), StateSendBlocked));
                delete = await Capabilities.Delete(ctx, Copy);
                (_, stateAfter) = await Scenario.Exchange(ctx, world.SlotOf(sender), 0);
                received = await Ipc.Wait(ctx, World.SecondEndpoint);
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, delete);
            Assert.Equal(StateSendBlocked, stateAfter);
            Assert.Equal(Ok, send);
            Assert.Equal(Ok, received!.Result);
            Assert.Equal(new ulong[] { 30 }, received.Words);
        }

        [Theory]
        [InlineData(563UL)]
        [InlineData(564UL)]
        public void RevokingWhileThreadsAreQueuedRemovesOnlyCapabilities(ulong seed)
        {
            // The sender went in through the minted copy; revoking the original takes the copy away but the queued
            // message stays, badge and all. Deleting the original afterwards is deleting the last capability: the
            // second queued sender gets ErrNoPartner.
            var world = new World(seed);
            ulong first = 1, second = 1, revoke = 1, viaMint = 1, delete = 1;
            IpcResult? received = null;
            SimThread firstSender = null!, secondSender = null!;
            firstSender = world.Spawn("first", async ctx =>
                first = (await Ipc.Send(ctx, World.BadgedEndpoint, 1, new ulong[] { 10 })).Result, priority: 9);
            secondSender = world.Spawn("second", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(firstSender), StateSendBlocked));
                second = (await Ipc.Send(ctx, World.BadgedEndpoint, 2, new ulong[] { 20 })).Result;
            }, priority: 8);
            world.Spawn("revoker", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(secondSender), StateSendBlocked));
                revoke = await Capabilities.Revoke(ctx, World.Endpoint);
                viaMint = (await Ipc.Send(ctx, World.BadgedEndpoint, 3, new ulong[] { 30 }, Timeout.Zero)).Result;
                received = await Ipc.Wait(ctx, World.Endpoint);
                delete = await Capabilities.Delete(ctx, World.Endpoint);
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, revoke);
            Assert.Equal(CapsEmptySlot, viaMint);
            Assert.Equal(Ok, received!.Result);
            Assert.Equal(World.Badge, received.Badge);
            Assert.Equal(new ulong[] { 10 }, received.Words);
            Assert.Equal(Ok, first);
            Assert.Equal(Ok, delete);
            Assert.Equal(NoPartner, second);
        }
    }
}
