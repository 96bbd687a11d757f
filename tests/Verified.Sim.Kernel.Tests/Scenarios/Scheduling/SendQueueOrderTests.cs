// Priority order of the endpoint queues: a receiver takes the highest-priority blocked sender first, FIFO among
// senders of one priority (the order they blocked in); a sender meets the highest-priority waiting receiver first.
// The side that queues runs at higher priorities, so the whole queue is built before its partner runs at all.
using System.Collections.Generic;
using System.Linq;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Scheduling
{
    public sealed class SendQueueOrderTests
    {
        private static readonly byte[] Priorities = { 7, 3, 7, 5, 3, 5, 7 };

        [Fact]
        public void BlockedSendersAreReceivedByPriorityThenFifo() => Scenario.ForEachSeed(seed =>
            AssertQueueOrder(seed, call: false));

        [Fact]
        public void BlockedCallersAreServedByPriorityThenFifo() => Scenario.ForEachSeed(seed =>
            AssertQueueOrder(seed, call: true));

        [Fact]
        public void WaitingReceiversGetMessagesByPriorityThenFifo() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var queued = new List<int>();
            var got = new ulong[Priorities.Length];
            for (int i = 0; i < Priorities.Length; i++)
            {
                int k = i;
                world.Spawn($"receiver{k}", async ctx =>
                {
                    queued.Add(k);                        // the same step as the Wait below
                    IpcResult message = await Ipc.Wait(ctx, World.Endpoint);
                    Assert.Equal(Ok, message.Result);
                    got[k] = message.Label;
                }, Priorities[k]);
            }
            world.Spawn("sender", async ctx =>
            {
                for (ulong m = 0; m < (ulong)Priorities.Length; m++)
                {
                    Assert.Equal(Ok, (await Ipc.Send(ctx, World.Endpoint, m, System.Array.Empty<ulong>())).Result);
                }
            }, priority: 1);
            world.RunToEnd();
            int[] expected = Expected(queued);
            for (int m = 0; m < expected.Length; m++)
            {
                Assert.Equal((ulong)m, got[expected[m]]);
            }
        });

        /// <summary>Receivers' or senders' indices in the order the queue serves them: priority, then blocking order.</summary>
        private static int[] Expected(List<int> queued) =>
            queued.Select((thread, position) => (thread, position))
                .OrderByDescending(x => Priorities[x.thread]).ThenBy(x => x.position).Select(x => x.thread).ToArray();

        private static void AssertQueueOrder(ulong seed, bool call)
        {
            var world = new World(seed);
            var queued = new List<int>();
            var served = new List<int>();
            for (int i = 0; i < Priorities.Length; i++)
            {
                int k = i;
                world.Spawn($"sender{k}", async ctx =>
                {
                    queued.Add(k);                        // the same step as the send below
                    ulong result = call
                        ? (await Ipc.Call(ctx, World.Endpoint, (ulong)k, System.Array.Empty<ulong>())).Result
                        : (await Ipc.Send(ctx, World.Endpoint, (ulong)k, System.Array.Empty<ulong>())).Result;
                    Assert.Equal(Ok, result);
                }, Priorities[k]);
            }
            world.Spawn("server", async ctx =>
            {
                for (int m = 0; m < Priorities.Length; m++)
                {
                    IpcResult request = await Ipc.Wait(ctx, World.Endpoint);
                    Assert.Equal(Ok, request.Result);
                    served.Add((int)request.Label);
                    if (call)
                    {
                        Assert.Equal(Ok, (await Ipc.Reply(ctx, 0, System.Array.Empty<ulong>())).Result);
                    }
                }
            }, priority: 1);
            world.RunToEnd();
            Assert.Equal(Expected(queued), served);
        }
    }
}
