// Termination case ErrCanceled (8): ExchangeRegisters' cancel bit on a thread in each waiting state before a
// rendezvous. The canceler gets OK and the state it found; the canceled thread gets ErrCanceled, with bit 24 when it
// waited in a receive phase; a canceled thread leaves its queue, so the next partner meets someone else.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class CanceledTests
    {
        [Fact]
        public void ABlockedSenderIsCanceledInItsSendPhase()
        {
            var world = new World(121);
            ulong sent = 1, cancel = 1;
            SimThread sender = world.Spawn("sender", async ctx =>
                sent = (await Ipc.Send(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result);
            world.Spawn("canceler", async ctx =>
                cancel = await Scenario.WhenInState(ctx, world.SlotOf(sender), StateSendBlocked, cancel: true));
            world.RunToEnd();
            Assert.Equal(Ok, cancel);
            Assert.Equal(IpcCanceled, sent);
        }

        [Fact]
        public void ACallerWaitingForItsReplyIsCanceledInItsReceivePhase()
        {
            var world = new World(122);
            ulong call = 1, cancel = 1, request = 1;
            SimThread client = null!;
            world.Spawn("server", async ctx =>
            {
                request = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                cancel = await Scenario.WhenInState(ctx, world.SlotOf(client), StateRecvClosed, cancel: true);
            }, priority: 9);
            client = world.Spawn("client", async ctx => call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result,
                priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, request);
            Assert.Equal(Ok, cancel);
            Assert.Equal(IpcCanceled | ReceivePhase, call);
        }

        [Fact]
        public void AClosedReceiverIsCanceledInItsReceivePhase()
        {
            var world = new World(123);
            ulong received = 1, cancel = 1;
            SimThread canceler = null!;
            SimThread receiver = world.Spawn("receiver", async ctx =>
                received = (await Ipc.Wait(ctx, world.SlotOf(canceler))).Result, priority: 9);
            canceler = world.Spawn("canceler", async ctx =>
                cancel = await Scenario.WhenInState(ctx, world.SlotOf(receiver), StateRecvClosed, cancel: true), priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, cancel);
            Assert.Equal(IpcCanceled | ReceivePhase, received);
        }

        [Fact]
        public void ASleeperIsCanceled()
        {
            var world = new World(124);
            ulong slept = 1, cancel = 1;
            SimThread sleeper = world.Spawn("sleeper", async ctx => slept = (await Ipc.Sleep(ctx, Timeout.Never)).Result,
                priority: 9);
            world.Spawn("canceler", async ctx =>
                cancel = await Scenario.WhenInState(ctx, world.SlotOf(sleeper), StateSleeping, cancel: true), priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, cancel);
            Assert.Equal(IpcCanceled | ReceivePhase, slept);
        }

        [Fact]
        public void ANotificationWaiterIsCanceled()
        {
            var world = new World(125);
            ulong waited = 1, bits = 1, cancel = 1;
            SimThread waiter = world.Spawn("waiter", async ctx =>
                (waited, bits) = await Notifications.Wait(ctx, World.Notification), priority: 9);
            world.Spawn("canceler", async ctx =>
                cancel = await Scenario.WhenInState(ctx, world.SlotOf(waiter), StateRecvBlocked, cancel: true), priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, cancel);
            Assert.Equal(IpcCanceled, waited);               // NotifyWait is a one-phase call
            Assert.Equal(0UL, bits);
        }

        [Fact]
        public void ACanceledSenderLeavesTheQueueAndTheNextSenderIsReceived()
        {
            var world = new World(126);
            ulong first = 1, second = 1, cancel = 1;
            IpcResult? received = null;
            SimThread a = world.Spawn("first", async ctx =>
                first = (await Ipc.Send(ctx, World.Endpoint, 0xA, new ulong[] { 1 })).Result, priority: 9);
            world.Spawn("second", async ctx =>
                second = (await Ipc.Send(ctx, World.Endpoint, 0xB, new ulong[] { 2 })).Result, priority: 8);
            world.Spawn("receiver", async ctx =>
            {
                cancel = await Scenario.WhenInState(ctx, world.SlotOf(a), StateSendBlocked, cancel: true);
                received = await Ipc.Wait(ctx, World.Endpoint);
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, cancel);
            Assert.Equal(IpcCanceled, first);
            Assert.Equal(Ok, second);
            Assert.Equal(0xBUL, received!.Label);
        }
    }
}
