// The root task: sigma0 (task 0, owning the machine's frames) as the default pager. The root creates a task and a
// thread in it, makes sigma0's endpoint the thread's pager, and the thread's memory appears page by page as it
// touches it; and a long IPC whose string lies in pages nobody has mapped yet completes because sigma0 answers each
// nested page fault with a map item.
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.RootTask
{
    public sealed class RootTaskTests
    {
        private const uint PagerEndpoint = World.SecondEndpoint;
        private const uint NewTask = 20;
        private const uint NewThread = 24;
        private const ulong SpaceSize = 32;
        private const ulong FirstFreePage = 10;

        [Fact]
        public void TheRootMakesATaskWhoseMemorySigma0PagesIn()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new World(seed);
                var sigma0 = new Sigma0(PagerEndpoint, FirstFreePage, 8);
                ulong task = 1, thread = 1, pager = 1;
                var read = new ulong[3];
                world.Spawn("sigma0", ctx => sigma0.Serve(ctx, 3), priority: 7);
                world.Spawn("root", async ctx =>
                {
                    task = await Threads.Create(ctx, Threads.TypeTask, NewTask, SpaceSize, World.TaskSlot);
                    world.Kernel.Prepare("child", 1, async child =>
                    {
                        // The root sets the pager right after the create; the child starts after that.
                        Assert.Equal(Ok, (await Ipc.Sleep(child, Timeout.Ticks(60))).Result);
                        for (int i = 0; i < 3; i++)
                        {
                            await child.WriteUInt64(M.Page(100 + (ulong)i) + 8, 0xA0 + (ulong)i);
                        }
                        for (int i = 0; i < 3; i++)
                        {
                            read[i] = await child.ReadUInt64(M.Page(100 + (ulong)i) + 8);
                        }
                    });
                    thread = await Threads.Create(ctx, Threads.TypeThread, NewThread, NewTask, World.TaskSlot);
                    pager = await ThreadControl.Pager(ctx, NewThread, PagerEndpoint);
                });
                world.RunToEnd();
                Assert.Equal(new ulong[] { Ok, Ok, Ok }, new[] { task, thread, pager });
                Assert.Equal(new ulong[] { 0xA0, 0xA1, 0xA2 }, read);
                Assert.Empty(world.Kernel.Faults);
                Assert.Equal(3, sigma0.Served.Count);
                for (int i = 0; i < 3; i++)
                {
                    Assert.Equal(M.Page(100 + (ulong)i) + 8, sigma0.Served[i].Address);
                    Assert.Equal((ulong)(PageFault.UserBit | PageFault.WriteBit), sigma0.Served[i].ErrorCode);
                    // The mapping core: task 1's page 100 + i holds sigma0's frame 10 + i, read-write.
                    world.Kernel.Core.Mapping.Lookup(1, 100 + (ulong)i, out uint err, out ulong frame, out byte rights);
                    Assert.Equal((0u, FirstFreePage + (ulong)i, M.RightsRW), (err, frame, rights));
                }
            });
        }

        [Fact]
        public void Sigma0ResolvesTheNestedFaultsOfALongIpc()
        {
            Scenario.ForEachSeed(seed =>
            {
                var world = new World(seed);
                int client = world.Kernel.CreateTask();
                Assert.Equal(0u, world.Kernel.Core.Caps.Transfer((uint)world.Task, World.Endpoint, (uint)client, World.Endpoint,
                    CapsTypes.__default.TransferCopy));
                var sigma0 = new Sigma0(PagerEndpoint, FirstFreePage, 8);
                const int length = 3 * 4096;
                ulong sent = 1, received = 1, moved = 0;
                int[]? got = null;
                // The receiver's buffer (task 0, window pages 300..302, beyond sigma0's own frames at pages 0..63) is not
                // mapped either: faults on both sides.
                SimThread sender = world.Kernel.Spawn("sender", client, 5, async ctx =>
                    sent = (await Ipc.Send(ctx, World.Endpoint, new MessageFrame(1).PutString(M.Page(200), length))).Result);
                SimThread receiver = world.Spawn("receiver", async ctx =>
                {
                    StringBuffers.Set(ctx.Utcb, (M.Page(300), length));
                    received = (await Ipc.Wait(ctx, World.Endpoint)).Result;
                    moved = StringBuffers.Transferred(ctx.Utcb);
                    got = new int[length];
                    for (int i = 0; i < length; i += 512)
                    {
                        got[i] = await ctx.ReadByte(M.Page(300) + (ulong)i);
                    }
                });
                var core = world.Kernel.Core;
                core.SetPager(world.Kernel.IdOf(sender), 2, 0x5E);
                core.SetPager(world.Kernel.IdOf(receiver), 2, 0x7E);
                world.Spawn("sigma0", ctx => sigma0.Serve(ctx, 6), priority: 7);
                world.RunToEnd();
                Assert.Equal(Ok, sent);
                Assert.Equal(Ok, received);
                Assert.Equal((ulong)length, moved);
                Assert.Equal(6, sigma0.Served.Count);
                Assert.Equal(3, sigma0.Served.FindAll(f => f.Badge == 0x5E).Count);
                Assert.Equal(3, sigma0.Served.FindAll(f => f.Badge == 0x7E).Count);
                Assert.All(sigma0.Served, f => Assert.Equal(KernelNestedBit, f.ErrorCode & KernelNestedBit));
                Assert.All(got!, b => Assert.Equal(0, b));   // sigma0's fresh frames are zero on both sides
                Assert.Empty(world.Kernel.Faults);
            });
        }

        private const ulong KernelNestedBit = 1UL << 63;
    }
}
