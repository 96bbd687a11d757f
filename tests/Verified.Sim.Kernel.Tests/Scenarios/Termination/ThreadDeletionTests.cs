// Termination case ErrPartnerKilled (10) when the kernel deletes a thread: another thread deletes it with
// ThreadControl (bit 3) or deletes its last capability, or it deletes itself. Its partners get ErrPartnerKilled,
// threads not waiting for it are untouched, and its code never runs again (the machine stopped it).
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    // The namespace Scenarios.Capabilities hides the user library's class of the same name.
    using Capabilities = Verified.User.Sim.Capabilities;

    public sealed class ThreadDeletionTests
    {
        [Fact]
        public void AClosedReceiverGetsPartnerKilledWhenAnotherThreadDeletesItsPartner() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            ulong received = 1, delete = 1;
            bool partnerContinued = false;
            SimThread receiver = null!, partner = null!;
            partner = world.Spawn("partner", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Never)).Result);
                partnerContinued = true;
            }, priority: 9);
            receiver = world.Spawn("receiver", async ctx =>
                received = (await Ipc.Wait(ctx, world.SlotOf(partner))).Result, priority: 9);
            world.Spawn("killer", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(receiver), StateRecvClosed));
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(partner), StateSleeping));
                delete = await ThreadControl.DeleteThread(ctx, world.SlotOf(partner));
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, delete);
            Assert.Equal(PartnerKilled | ReceivePhase, received);
            Assert.False(partnerContinued);
            Assert.True(partner.IsFinished);
            Assert.True(Scenario.IsIn(world, partner, StateDead));
        });

        [Fact]
        public void ACallerGetsPartnerKilledWhenTheServerIsDeletedHoldingItsCall() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            ulong call = 1, request = 1, delete = 1;
            bool serverReplied = false;
            SimThread server = null!, client = null!;
            server = world.Spawn("server", async ctx =>
            {
                request = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Never)).Result);
                serverReplied = true;
            }, priority: 9);
            client = world.Spawn("client", async ctx =>
                call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result, priority: 8);
            world.Spawn("killer", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(client), StateRecvClosed));
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(server), StateSleeping));
                delete = await ThreadControl.DeleteThread(ctx, world.SlotOf(server));
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, request);
            Assert.Equal(Ok, delete);
            Assert.Equal(PartnerKilled | ReceivePhase, call);
            Assert.False(serverReplied);
        });

        [Fact]
        public void DeletingTheLastThreadCapabilityDeletesTheThread()
        {
            var world = new World(571);
            ulong received = 1, delete = 1;
            bool partnerContinued = false;
            SimThread receiver = null!, partner = null!;
            partner = world.Spawn("partner", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Sleep(ctx, Timeout.Never)).Result);
                partnerContinued = true;
            }, priority: 9);
            // The receiver names its partner through a copy: the deleter's capability is then not the last one.
            receiver = world.Spawn("receiver", async ctx =>
            {
                Assert.Equal(Ok, await Capabilities.Copy(ctx, world.SlotOf(partner), 20));
                received = (await Ipc.Wait(ctx, 20)).Result;
            }, priority: 9);
            world.Spawn("deleter", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(receiver), StateRecvClosed));
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(partner), StateSleeping));
                // The original capability: its copy in slot 20 goes first, then the thread with the last one.
                delete = await Capabilities.Delete(ctx, world.SlotOf(partner));
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, delete);
            Assert.Equal(PartnerKilled | ReceivePhase, received);
            Assert.False(partnerContinued);
            Assert.True(partner.IsFinished);
            Assert.Equal(0ul, world.Kernel.Core.Caps.refCount[world.Kernel.Core.Objects.OfThread(world.Kernel.IdOf(partner))]);
        }

        [Fact]
        public void AThreadThatDeletesItselfNeverReturnsAndItsPartnerIsTold()
        {
            var world = new World(572);
            ulong received = 1;
            bool returned = false;
            SimThread receiver = null!, self = null!;
            receiver = world.Spawn("receiver", async ctx =>
                received = (await Ipc.Wait(ctx, world.SlotOf(self))).Result, priority: 9);
            self = world.Spawn("self", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(receiver), StateRecvClosed));
                await ThreadControl.DeleteThread(ctx, world.SlotOf(self));
                returned = true;
            }, priority: 4);
            world.RunToEnd();
            Assert.False(returned);
            Assert.True(self.IsFinished);
            Assert.True(Scenario.IsIn(world, self, StateDead));
            Assert.Equal(PartnerKilled | ReceivePhase, received);
        }

        [Fact]
        public void ADeletedSenderLeavesTheQueueAndOthersAreUntouched()
        {
            // Two senders queued on one endpoint; the first is deleted. The receiver gets the second one's message:
            // the deleted sender was nobody's partner yet.
            var world = new World(573);
            ulong second = 1, delete = 1;
            IpcResult? received = null;
            SimThread first = null!, secondSender = null!;
            first = world.Spawn("first", async ctx =>
                await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 10 }), priority: 9);
            secondSender = world.Spawn("second", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(first), StateSendBlocked));
                second = (await Ipc.Send(ctx, World.Endpoint, 2, new ulong[] { 20 })).Result;
            }, priority: 8);
            world.Spawn("receiver", async ctx =>
            {
                Assert.Equal(Ok, await Scenario.WhenInState(ctx, world.SlotOf(secondSender), StateSendBlocked));
                delete = await ThreadControl.DeleteThread(ctx, world.SlotOf(first));
                received = await Ipc.Wait(ctx, World.Endpoint);
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, delete);
            Assert.True(first.IsFinished);
            Assert.Equal(Ok, second);
            Assert.Equal(Ok, received!.Result);
            Assert.Equal(new ulong[] { 20 }, received.Words);
        }
    }
}
