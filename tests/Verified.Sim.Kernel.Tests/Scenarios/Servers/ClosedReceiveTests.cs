// A closed receive picks the named thread out of an endpoint's send queue, ahead of senders queued before it, and
// leaves the others queued in their order for the next open wait.
using System.Collections.Generic;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Servers
{
    public sealed class ClosedReceiveTests
    {
        [Fact]
        public void AClosedReceiveTakesTheNamedSenderOutOfTheQueue() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var queued = new List<int>();
            var sent = new ulong[3];
            var labels = new List<ulong>();
            var senders = new SimThread[3];
            for (int i = 0; i < 3; i++)
            {
                int k = i;
                senders[k] = world.Spawn($"sender{k}", async ctx =>
                {
                    queued.Add(k);                        // the same step as the Send
                    sent[k] = (await Ipc.Send(ctx, World.Endpoint, (ulong)k, System.Array.Empty<ulong>())).Result;
                }, priority: 8);
            }
            world.Spawn("receiver", async ctx =>
            {
                // The last sender to queue is named: the closed receive must skip the two ahead of it.
                IpcResult named = await Ipc.Wait(ctx, world.SlotOf(senders[queued[2]]));
                Assert.Equal(Ok, named.Result);
                labels.Add(named.Label);
                for (int m = 0; m < 2; m++)
                {
                    IpcResult next = await Ipc.Wait(ctx, World.Endpoint);
                    Assert.Equal(Ok, next.Result);
                    labels.Add(next.Label);
                }
            }, priority: 3);
            world.RunToEnd();
            Assert.Equal(new ulong[] { (ulong)queued[2], (ulong)queued[0], (ulong)queued[1] }, labels);
            Assert.All(sent, r => Assert.Equal(Ok, r));
        });
    }
}
