// A pager resolving page faults while a long IPC is in progress: a fault on either side suspends the transfer and
// sends the faulting thread's pager the page-fault message (label, address, #PF code with the nested bit, badge of
// the pager capability); the pager maps the page and replies; the copy resumes at the byte that faulted.
using System.Collections.Generic;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.LongIpc.LongIpcWorld;

namespace Verified.Sim.Kernel.Tests.Scenarios.LongIpc
{
    public sealed class NestedPageFaultTests
    {
        private const ulong Target = Ram + 0x10_0000;

        [Fact]
        public void SourceFaultsAreResolvedByTheSendersPagerAndTheCopyResumes()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpcWorld(seed);
                const int length = 3 * 4096 - 10;   // to the end of the third page
                // The sender's string spans three pages; only the first is mapped.
                world.MapRam(world.Client, Ram, 1);
                world.Write(world.Client, Ram + 10, Pattern(4096 - 10, 5));
                world.MapRam(world.World.Task, Target, 4);
                var faults = new List<IpcResult>();
                ulong sent = 1;
                IpcResult? received = null;
                SimThread sender = world.SpawnClient("sender", async ctx =>
                    sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram + 10, length))).Result);
                world.GivePager(sender);
                world.Spawn("pager", world.Pager(2, _ => world.Client, faults), priority: 7);
                world.Spawn("receiver", async ctx =>
                {
                    StringBuffers.Set(ctx.Utcb, (Target, length));
                    received = await Ipc.Wait(ctx, World.Endpoint);
                });
                world.World.RunToEnd();
                Assert.Equal(Ok, sent);
                Assert.Equal(Ok, received!.Result);
                Assert.Equal(2, faults.Count);
                for (int i = 0; i < 2; i++)
                {
                    Assert.Equal(PageFaultLabel, faults[i].Label);
                    Assert.Equal(PagerBadge, faults[i].Badge);
                    Assert.True(faults[i].ReplyExpected);
                    Assert.Equal(Ram + 4096 * (ulong)(i + 1), faults[i].Words[0]);
                    // A user-mode read of a page that is not present, during a string copy.
                    Assert.Equal(NestedBit | PageFault.UserBit, faults[i].Words[1]);
                }
                int[] got = world.Read(world.World.Task, Target, length);
                Assert.Equal(AsInts(Pattern(4096 - 10, 5)), got[..(4096 - 10)]);
                Assert.All(got[(4096 - 10)..], b => Assert.Equal(0, b));   // fresh pages of the pager are zero
            });
        }

        [Fact]
        public void DestinationFaultsGoToTheReceiversPager()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new LongIpcWorld(seed);
                const int length = 6000;
                world.MapRam(world.Client, Ram, 2);
                world.Write(world.Client, Ram, Pattern(length, 6));
                var faults = new List<IpcResult>();
                ulong sent = 1, received = 1;
                world.SpawnClient("sender", async ctx =>
                    sent = (await Ipc.Send(ctx, ClientEndpoint, new MessageFrame(1).PutString(Ram, length))).Result);
                SimThread receiver = world.Spawn("receiver", async ctx =>
                {
                    StringBuffers.Set(ctx.Utcb, (Target + 0x800, length));
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                });
                world.GivePager(receiver);
                world.Spawn("pager", world.Pager(2, _ => world.World.Task, faults), priority: 7);
                world.World.RunToEnd();
                Assert.Equal(Ok, sent);
                Assert.Equal(Ok, received);
                Assert.Equal(new[] { Target + 0x800, Target + 0x1000 }, faults.ConvertAll(f => f.Words[0]).ToArray());
                // A user-mode write to a page that is not present.
                Assert.Equal(NestedBit | PageFault.UserBit | PageFault.WriteBit, faults[0].Words[1]);
                Assert.Equal(AsInts(Pattern(length, 6)), world.Read(world.World.Task, Target + 0x800, length));
            });
        }
    }
}
