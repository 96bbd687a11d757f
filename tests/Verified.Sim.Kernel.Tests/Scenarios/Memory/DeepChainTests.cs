// Deep derivation chains across five tasks: sigma0's page goes to task 1, which maps it on to task 2, and so on to
// task 5 (each through its own endpoint). A demap at any link removes everything derived below it, recursively, and
// the user accesses of the tasks below then fault; the tasks above keep their mappings. A rights demap leaves the
// chain in place with fewer rights.
using System;
using System.Threading.Tasks;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.Memory
{
    public sealed class DeepChainTests
    {
        private const ulong Frame = 4;
        private const ulong Value = 0xC4A1;
        private const int Links = 5;

        private static ulong PageOf(int link) => 50 + (ulong)link;

        /// <summary>Builds the chain; then each link waits for a "go" on its endpoint and runs
        /// <paramref name="after"/> (link number, context). Sigma0 runs <paramref name="demap"/> once the whole chain
        /// exists, then sends every go. Returns the link threads (index 1..5).</summary>
        private static SimThread[] Chain(MemoryWorld w, Func<SimUserContext, Task> demap, Func<int, SimUserContext, Task> after,
            ulong[] seen)
        {
            var links = new SimThread[Links + 1];
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                await ctx.WriteUInt64(M.Page(Frame), Value);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, MemoryWorld.Chain(1), 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(Frame), 0, M.RightsRW)) })).Result);
                Assert.Equal(Ok, (await Ipc.Wait(ctx, MemoryWorld.Chain(0))).Result);
                await demap(ctx);
                for (int i = 1; i <= Links; i++)
                {
                    Assert.Equal(Ok, (await Ipc.Send(ctx, MemoryWorld.Chain(i), 2, Array.Empty<ulong>())).Result);
                }
            });
            for (int link = 1; link <= Links; link++)
            {
                int i = link;
                links[i] = w.Spawn($"link {i}", i, async ctx =>
                {
                    M.Accept(ctx, M.Flexpage(M.Page(PageOf(i)), 0, M.RightsRW));
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, MemoryWorld.Chain(i))).Result);
                    seen[i] = await ctx.ReadUInt64(M.Page(PageOf(i)));
                    IpcResult next = i < Links
                        ? await ItemMessage.Send(ctx, MemoryWorld.Chain(i + 1), 1, Array.Empty<ulong>(),
                            new[] { M.Map(M.Flexpage(M.Page(PageOf(i)), 0, M.RightsRW)) })
                        : await Ipc.Send(ctx, MemoryWorld.Chain(0), 3, Array.Empty<ulong>());
                    Assert.Equal(Ok, next.Result);
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, MemoryWorld.Chain(i))).Result);
                    await after(i, ctx);
                });
            }
            return links;
        }

        [Fact]
        public void ADemapAtTheRootRemovesTheWholeChain()
        {
            Scenario.ForEachSeed(seed =>
            {
                var w = new MemoryWorld(seed);
                var seen = new ulong[Links + 1];
                ulong unmapped = 1, own = 0;
                var depths = new (ulong, byte)?[Links + 1];
                SimThread[] links = Chain(w, async ctx =>
                {
                    for (int i = 1; i <= Links; i++)
                    {
                        depths[i] = w.Lookup(i, PageOf(i));
                    }
                    unmapped = await M.Unmap(ctx, M.Flexpage(M.Page(Frame), 0, M.RightsAll));
                    own = await ctx.ReadUInt64(M.Page(Frame));
                }, async (i, ctx) =>
                {
                    await ctx.ReadUInt64(M.Page(PageOf(i)));
                    throw new InvalidOperationException($"link {i} still reads its page");
                }, seen);
                w.World.RunToEnd();
                for (int i = 1; i <= Links; i++)
                {
                    Assert.Equal(Value, seen[i]);
                    Assert.Equal(((ulong, byte)?)(Frame, M.RightsRW), depths[i]);
                    w.AssertUnmapped(i, PageOf(i));
                }
                Assert.Equal(Ok, unmapped);
                Assert.Equal(Value, own);                 // sigma0's own root stays
                w.AssertMapped(MemoryWorld.Sigma0, Frame, Frame, M.RightsAll);
                w.AssertPageFaults((links[1], M.Page(PageOf(1))), (links[2], M.Page(PageOf(2))),
                    (links[3], M.Page(PageOf(3))), (links[4], M.Page(PageOf(4))), (links[5], M.Page(PageOf(5))));
            });
        }

        [Fact]
        public void ADemapInTheMiddleKeepsTheLinksAbove()
        {
            var w = new MemoryWorld(41);
            var seen = new ulong[Links + 1];
            var reread = new ulong[Links + 1];
            ulong unmapped = 1;
            SimThread[] links = Chain(w, _ => Task.CompletedTask, async (i, ctx) =>
            {
                if (i == 2)
                {
                    // link 2 takes back what it mapped on; its own mapping stays
                    unmapped = await M.Unmap(ctx, M.Flexpage(M.Page(PageOf(2)), 0, M.RightsAll));
                    Assert.Equal(Ok, (await Ipc.Send(ctx, MemoryWorld.Chain(0), 4, Array.Empty<ulong>())).Result);
                }
                else if (i > 2)
                {
                    Assert.Equal(Ok, (await Ipc.Wait(ctx, MemoryWorld.Chain(i))).Result);
                }
                reread[i] = await ctx.ReadUInt64(M.Page(PageOf(i)));
                if (i > 2)
                {
                    throw new InvalidOperationException($"link {i} still reads its page");
                }
            }, seen);
            w.Spawn("releaser", MemoryWorld.Sigma0, async ctx =>
            {
                Assert.Equal(Ok, (await Ipc.Wait(ctx, MemoryWorld.Chain(0))).Result);
                for (int i = 3; i <= Links; i++)
                {
                    Assert.Equal(Ok, (await Ipc.Send(ctx, MemoryWorld.Chain(i), 5, Array.Empty<ulong>())).Result);
                }
            }, priority: 4);
            w.World.RunToEnd();
            Assert.Equal(Ok, unmapped);
            Assert.Equal(Value, reread[1]);
            Assert.Equal(Value, reread[2]);
            w.AssertMapped(1, PageOf(1), Frame, M.RightsRW);
            w.AssertMapped(2, PageOf(2), Frame, M.RightsRW);
            for (int i = 3; i <= Links; i++)
            {
                w.AssertUnmapped(i, PageOf(i));
            }
            w.AssertPageFaults((links[3], M.Page(PageOf(3))), (links[4], M.Page(PageOf(4))), (links[5], M.Page(PageOf(5))));
        }

        [Fact]
        public void ARightsDemapLeavesTheChainReadOnly()
        {
            var w = new MemoryWorld(42);
            var seen = new ulong[Links + 1];
            var reread = new ulong[Links + 1];
            ulong unmapped = 1;
            SimThread[] links = Chain(w, async ctx =>
            {
                unmapped = await M.Unmap(ctx, M.Flexpage(M.Page(Frame), 0, M.RightsW));
                await ctx.WriteUInt64(M.Page(Frame), Value + 1);   // sigma0's own rights are untouched
            }, async (i, ctx) =>
            {
                reread[i] = await ctx.ReadUInt64(M.Page(PageOf(i)));
                await ctx.WriteUInt64(M.Page(PageOf(i)), 0);
                throw new InvalidOperationException($"link {i} still writes its page");
            }, seen);
            w.World.RunToEnd();
            Assert.Equal(Ok, unmapped);
            for (int i = 1; i <= Links; i++)
            {
                Assert.Equal(Value + 1, reread[i]);
                w.AssertMapped(i, PageOf(i), Frame, M.RightsR);
            }
            w.AssertPageFaults((links[1], M.Page(PageOf(1))), (links[2], M.Page(PageOf(2))),
                (links[3], M.Page(PageOf(3))), (links[4], M.Page(PageOf(4))), (links[5], M.Page(PageOf(5))));
        }
    }
}
