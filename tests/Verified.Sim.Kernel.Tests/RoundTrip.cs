// The round-trip workload of DeterminismTests: Call and ReplyWait with three words each way, the badge of the
// client's capability and the reply-expected bit (as a test: user/Scenarios/Messaging/RoundTripScenario.cs).
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests
{
    /// <summary>The round-trip scenario, shared with the determinism test: a client Calls through a badged capability,
    /// the server answers with ReplyWait and then times out waiting for the next request.</summary>
    internal static class RoundTrip
    {
        public sealed class Outcome
        {
            public ulong ServerRequest = 1;
            public ulong ServerNext = 1;
            public ulong ClientReply = 1;
            public ulong[] ReplyWords = System.Array.Empty<ulong>();

            public string Describe() =>
                $"{ServerRequest:X}/{ServerNext:X}/{ClientReply:X}/{string.Join(",", ReplyWords)}";
        }

        public static void Spawn(World world, Outcome outcome)
        {
            world.Spawn("server", async ctx =>
            {
                IpcResult request = await Ipc.Wait(ctx, World.Endpoint);
                outcome.ServerRequest = request.Result;
                Assert.Equal(Ok, request.Result);
                Assert.Equal(World.Badge, request.Badge);
                Assert.True(request.ReplyExpected);
                Assert.Equal(0x42UL, request.Label);
                Assert.Equal(new ulong[] { 10, 20, 30 }, request.Words);
                ulong[] w = request.Words;
                IpcResult next = await Ipc.ReplyWait(ctx, World.Endpoint, 0x43, new[] { w[0] + w[1] + w[2], w[0] * w[1] * w[2], 7UL },
                    receiveTimeout: Timeout.Ticks(40));
                outcome.ServerNext = next.Result;
                Assert.Equal(IpcRecvTimeout | ReceivePhase, next.Result);
            });
            world.Spawn("client", async ctx =>
            {
                IpcResult reply = await Ipc.Call(ctx, World.BadgedEndpoint, 0x42, new ulong[] { 10, 20, 30 });
                outcome.ClientReply = reply.Result;
                outcome.ReplyWords = reply.Words;
                Assert.Equal(Ok, reply.Result);
                Assert.Equal(0x43UL, reply.Label);
                Assert.False(reply.ReplyExpected);
                Assert.Equal(0UL, reply.Badge);
                Assert.Equal(new ulong[] { 60, 6000, 7 }, reply.Words);
            });
        }
    }
}
