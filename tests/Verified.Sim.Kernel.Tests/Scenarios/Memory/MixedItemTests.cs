// Grant refusals of the mapping core (a sigma0 root, a cut under derived mappings) as details across three tasks; a
// later clean delivery clears the detail. (A reply mapping into the caller's window and map and capability items in
// one message are the shared scenario user/Scenarios/Mapping/MixedItemScenario.cs.)
using System;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Memory.MemoryCodes;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.Memory
{
    public sealed class MixedItemTests
    {
        [Fact]
        public void GrantRefusalsAreDetailsAndACleanDeliveryClearsThem()
        {
            var w = new MemoryWorld(72);
            var details = new ulong[3];
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                // a sigma0 root never moves
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Grant(M.Flexpage(M.Page(30), 0, M.RightsRW)) })).Result);
                details[0] = M.ErrorDetail(ctx);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(30), 0, M.RightsRW)) })).Result);
            });
            w.Spawn("middle", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(900), 0, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                // 900 now maps frame 30 and derives 950 in task 2 (below); a read-only grant would cut rights under it
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.SecondEndpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(900), 0, M.RightsRW)) })).Result);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.SecondEndpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Grant(M.Flexpage(M.Page(900), 0, M.RightsR)) })).Result);
                details[1] = M.ErrorDetail(ctx);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.SecondEndpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Grant(M.Flexpage(M.Page(900), 0, M.RightsRW)) })).Result);
                details[2] = M.ErrorDetail(ctx);
            });
            w.Spawn("below", 2, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(950), 0, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
                M.Accept(ctx, M.Flexpage(M.Page(960), 0, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
            });
            w.World.RunToEnd();
            Assert.Equal(Detail(MappingInvalidArgument, 0), details[0]);
            Assert.Equal(Detail(MappingNoRights, 0), details[1]);
            Assert.Equal(0ul, details[2]);
            // the full-rights grant moved 900 (and what derives from it) to task 2's 960
            w.AssertUnmapped(1, 900);
            w.AssertMapped(2, 960, 30, M.RightsRW);
            w.AssertMapped(2, 950, 30, M.RightsRW);
            var db = w.Kernel.Core.Mapping;
            Assert.Equal(db.slot[2 * 4096 + 960], db.parent[db.slot[2 * 4096 + 950]]);
        }
    }
}
