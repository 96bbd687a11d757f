// A server that Calls another server on behalf of its client: the answer to its own Call is no request, so its
// Reply still goes to its client (docs/abi.md section 4: to the thread whose Call it received last).
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;

namespace Verified.Sim.Kernel.Tests
{
    public sealed class NestedCallTests
    {
        [Theory]
        [InlineData(1UL)]
        [InlineData(5UL)]
        [InlineData(9UL)]
        public void AServerAnswersItsClientAfterItsOwnCallToAnotherServer(ulong seed)
        {
            var world = new World(seed);
            ulong clientResult = 1, frontReply = 1, backReply = 1;
            ulong[] clientWords = System.Array.Empty<ulong>();
            world.Spawn("back", async ctx =>
            {
                IpcResult request = await Ipc.Wait(ctx, World.SecondEndpoint);
                Assert.Equal(Ok, request.Result);
                backReply = (await Ipc.Reply(ctx, 0, new[] { request.Words[0] * 2 })).Result;
            });
            world.Spawn("front", async ctx =>
            {
                IpcResult request = await Ipc.Wait(ctx, World.Endpoint);
                Assert.Equal(Ok, request.Result);
                IpcResult inner = await Ipc.Call(ctx, World.SecondEndpoint, 1, new[] { request.Words[0] + 1 });
                Assert.Equal(Ok, inner.Result);
                Assert.False(inner.ReplyExpected);
                frontReply = (await Ipc.Reply(ctx, 0, new[] { inner.Words[0] + 1 })).Result;
            });
            world.Spawn("client", async ctx =>
            {
                IpcResult answer = await Ipc.Call(ctx, World.Endpoint, 1, new ulong[] { 20 });
                clientResult = answer.Result;
                clientWords = answer.Words;
            });
            world.RunToEnd();
            Assert.Equal(Ok, backReply);
            Assert.Equal(Ok, frontReply);
            Assert.Equal(Ok, clientResult);
            Assert.Equal(new ulong[] { 43 }, clientWords);
        }
    }
}
