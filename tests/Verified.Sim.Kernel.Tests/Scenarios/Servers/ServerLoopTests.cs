// Call/ReplyWait server loops with several clients: every request is answered exactly once, and each client gets
// the answer to its own request (the reply goes to the caller the server received last, never to another caller),
// also with two server threads on one endpoint. The loops end when no request comes within their receive timeout.
using System.Collections.Generic;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests.Scenarios.Servers
{
    public sealed class ServerLoopTests
    {
        private const int Clients = 4;
        private const int Requests = 6;

        [Fact]
        public void OneServerAnswersEveryClientsOwnRequests() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var served = new List<ulong>();
            SpawnServer(world, "server", served);
            SpawnClients(world, Clients);
            world.RunToEnd();
            AssertServedOnce(served);
        });

        [Fact]
        public void TwoServerThreadsOnOneEndpointShareTheRequests() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var served = new List<ulong>();
            SpawnServer(world, "server0", served);
            SpawnServer(world, "server1", served);
            SpawnClients(world, Clients);
            world.RunToEnd();
            AssertServedOnce(served);
        });

        [Fact]
        public void TheServerTellsClientsApartByTheBadgeOfTheirCapability() => Scenario.ForEachSeed(seed =>
        {
            var world = new World(seed);
            var badges = new List<ulong>();
            world.Spawn("server", async ctx =>
            {
                IpcResult request = await Ipc.Wait(ctx, World.Endpoint, Timeout.Ticks(200));
                while (request.Result == Ok)
                {
                    badges.Add(request.Badge);
                    request = await Ipc.ReplyWait(ctx, World.Endpoint, 0, new[] { request.Badge }, Timeout.Ticks(200));
                }
                Assert.Equal(IpcRecvTimeout | ReceivePhase, request.Result);
            });
            foreach ((string name, uint slot, ulong badge) in new[] { ("badged", World.BadgedEndpoint, World.Badge), ("plain", World.Endpoint, 0UL) })
            {
                world.Spawn(name, async ctx =>
                {
                    for (int i = 0; i < 3; i++)
                    {
                        IpcResult reply = await Ipc.Call(ctx, slot, 1, System.Array.Empty<ulong>());
                        Assert.Equal(Ok, reply.Result);
                        Assert.Equal(new[] { badge }, reply.Words);
                    }
                });
            }
            world.RunToEnd();
            Assert.Equal(3, badges.FindAll(b => b == World.Badge).Count);
            Assert.Equal(3, badges.FindAll(b => b == 0).Count);
        });

        private static void SpawnServer(World world, string name, List<ulong> served) =>
            world.Spawn(name, async ctx =>
            {
                IpcResult request = await Ipc.Wait(ctx, World.Endpoint, Timeout.Ticks(200));
                while (request.Result == Ok)
                {
                    Assert.True(request.ReplyExpected);
                    ulong id = request.Words[0] * 100 + request.Words[1];
                    served.Add(id);
                    // The answer names the request, so a crossed reply shows in the client's check.
                    request = await Ipc.ReplyWait(ctx, World.Endpoint, request.Label, new[] { id * 2 + 1 }, Timeout.Ticks(200));
                }
                Assert.Equal(IpcRecvTimeout | ReceivePhase, request.Result);
            });

        private static void SpawnClients(World world, int clients)
        {
            for (int c = 0; c < clients; c++)
            {
                ulong client = (ulong)c;
                world.Spawn($"client{c}", async ctx =>
                {
                    for (ulong r = 0; r < Requests; r++)
                    {
                        IpcResult reply = await Ipc.Call(ctx, World.Endpoint, 0x10 + client, new[] { client, r });
                        Assert.Equal(Ok, reply.Result);
                        Assert.Equal(0x10 + client, reply.Label);
                        Assert.Equal(new[] { (client * 100 + r) * 2 + 1 }, reply.Words);
                    }
                }, (byte)(4 + c % 2));
            }
        }

        private static void AssertServedOnce(List<ulong> served)
        {
            Assert.Equal(Clients * Requests, served.Count);
            Assert.Equal(Clients * Requests, new HashSet<ulong>(served).Count);
        }
    }
}
