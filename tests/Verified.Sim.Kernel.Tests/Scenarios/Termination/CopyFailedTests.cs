// Termination case ErrCopyFailed (6): the strings of a message do not fit the receiver's string buffers. Both sides
// get the code at the rendezvous (the receiver in its receive phase), nothing is copied, and both can go on.
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Codes;
using static Verified.Sim.Kernel.Tests.Scenarios.LongIpc.LongIpcWorld;

namespace Verified.Sim.Kernel.Tests.Scenarios.Termination
{
    public sealed class CopyFailedTests
    {
        [Theory]
        [InlineData(100, 99)]     // one byte too many
        [InlineData(1, 0)]        // a receiver with no string buffer takes no string
        public void AStringLongerThanTheBuffersFailsBothSides(int length, int buffer)
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpc.LongIpcWorld(seed);
                world.MapRam(world.Client, Ram, 1);
                world.MapRam(world.World.Task, Ram, 1);
                world.Write(world.Client, Ram, Pattern(length, 9));
                ulong sent = 1, received = 1, transferred = 1;
                world.SpawnClient("sender", async ctx =>
                    sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(3).PutString(Ram, (ulong)length))).Result);
                world.Spawn("receiver", async ctx =>
                {
                    if (buffer > 0)
                    {
                        StringBuffers.Set(ctx.Utcb, (Ram, (ulong)buffer));
                    }
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                    transferred = StringBuffers.Transferred(ctx.Utcb);
                });
                world.World.RunToEnd();
                Assert.Equal(CopyFailed, sent);
                Assert.Equal(CopyFailed | ReceivePhase, received);
                Assert.Equal(0ul, transferred);
                Assert.All(world.Read(world.World.Task, Ram, length), b => Assert.Equal(0, b));
            });
        }

        [Fact]
        public void AStringThatFitsExactlyIsDelivered()
        {
            var world = new LongIpc.LongIpcWorld(3);
            world.MapRam(world.Client, Ram, 1);
            world.MapRam(world.World.Task, Ram, 1);
            world.Write(world.Client, Ram, Pattern(99, 9));
            ulong sent = 1, received = 1;
            world.SpawnClient("sender", async ctx =>
                sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(3).PutString(Ram, 99))).Result);
            world.Spawn("receiver", async ctx =>
            {
                StringBuffers.Set(ctx.Utcb, (Ram, 99));
                received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
            });
            world.World.RunToEnd();
            Assert.Equal(Ok, sent);
            Assert.Equal(Ok, received);
            Assert.Equal(AsInts(Pattern(99, 9)), world.Read(world.World.Task, Ram, 99));
        }
    }
}
