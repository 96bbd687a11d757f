// A server killed in the middle of its work (a page fault with no pager deletes it): the client whose Call it
// holds gets ErrPartnerKilled, the clients it answered before got OK, and the callers still queued are not its
// partners and run into their own send timeout. Checked over several seeds and several points of death.
using System;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;

namespace Verified.Sim.Kernel.Tests.Scenarios.Servers
{
    public sealed class KillMidIpcTests
    {
        private const int Clients = 5;

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(5)]
        public void TheClientHeldAtTheServersDeathIsTheOnlyOneKilledPartner(int dieAtRequest) => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var results = new ulong[Clients];
            int received = 0;
            world.Spawn("server", async ctx =>
            {
                IpcResult request = await Ipc.Wait(ctx, World.Endpoint);
                while (true)
                {
                    Assert.Equal(Ok, request.Result);
                    if (++received == dieAtRequest)
                    {
                        await ctx.ReadUInt64(0x4800_0000);   // unmapped: the server is deleted here
                    }
                    request = await Ipc.ReplyWait(ctx, World.Endpoint, 0, Array.Empty<ulong>());
                }
            }, priority: 3);
            for (int c = 0; c < Clients; c++)
            {
                int k = c;
                world.Spawn($"client{k}", async ctx =>
                    results[k] = (await Ipc.Call(ctx, World.Endpoint, 1, Array.Empty<ulong>(), Timeout.Ticks(100))).Result,
                    priority: 6);
            }
            world.RunToEnd();
            Assert.Equal(dieAtRequest, received);
            Assert.Equal(dieAtRequest - 1, Array.FindAll(results, r => r == Ok).Length);
            Assert.Single(results, r => r == (PartnerKilled | ReceivePhase));
            Assert.Equal(Clients - dieAtRequest, Array.FindAll(results, r => r == IpcSendTimeout).Length);
            Assert.Single(world.Kernel.Faults);
        });
    }
}
