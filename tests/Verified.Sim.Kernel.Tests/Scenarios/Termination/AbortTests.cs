// Termination case ErrAborted (9) needs a long transfer (after the rendezvous, before completion), which the Sim
// kernel slice does not have: every message fits in registers and completes at the rendezvous. What is reachable is
// the rule that abort applies only in the transfer stage: on a thread waiting before the rendezvous, or running, it
// is OK and changes nothing, and the target's IPC goes on to complete normally.
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class AbortTests
    {
        [Fact]
        public void AbortOfASenderBeforeTheRendezvousChangesNothing()
        {
            var world = new World(131);
            ulong sent = 1, abort = 1, state = 0;
            IpcResult? received = null;
            SimThread sender = world.Spawn("sender", async ctx =>
                sent = (await Ipc.Send(ctx, World.Endpoint, 5, new ulong[] { 9 })).Result, priority: 9);
            world.Spawn("receiver", async ctx =>
            {
                ulong[] before = CoreSnapshot.Take(world.Kernel.Core);
                (abort, state) = await Scenario.Exchange(ctx, world.SlotOf(sender), Threads.ControlAbort);
                Assert.Equal(before, CoreSnapshot.Take(world.Kernel.Core));
                received = await Ipc.Wait(ctx, World.Endpoint);
            }, priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, abort);
            Assert.Equal(StateSendBlocked, state);
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received!.Result);
            Assert.Equal(new ulong[] { 9 }, received.Words);
        }

        [Fact]
        public void AbortOfACallerWaitingForItsReplyChangesNothing()
        {
            var world = new World(132);
            ulong call = 1, abort = 1, state = 0, replied = 1;
            SimThread client = null!;
            world.Spawn("server", async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                (abort, state) = await Scenario.Exchange(ctx, world.SlotOf(client), Threads.ControlAbort);
                replied = (await Ipc.Reply(ctx, 1, new ulong[] { 3 })).Result;
            }, priority: 9);
            client = world.Spawn("client", async ctx => call = (await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 1 })).Result,
                priority: 4);
            world.RunToEnd();
            Assert.Equal(Ok, abort);
            Assert.Equal(StateRecvClosed, state);
            Assert.Equal(Ok, replied);
            Assert.Equal(Ok, call);
        }
    }
}
