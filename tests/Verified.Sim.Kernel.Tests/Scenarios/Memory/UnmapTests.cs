// Syscall 11 Unmap: argument errors with their exact codes change nothing; the own flag removes the caller's own
// mapping (its accesses fault); pages without a mapping are skipped; sigma0's roots stay.
using System;
using Verified.Hal.Sim.Machine;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Memory.MemoryCodes;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.Memory
{
    public sealed class UnmapTests
    {
        [Fact]
        public void BadArgumentsReturnTheirCodesAndChangeNothing()
        {
            var w = new MemoryWorld(61);
            var results = new ulong[10];
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(8), 1, M.RightsRW)) })).Result);
                ulong good = M.Flexpage(M.Page(8), 1, M.RightsAll);
                results[0] = await M.UnmapRaw(ctx, good | 8, 0);                                  // reserved bit 3
                results[1] = await M.UnmapRaw(ctx, good | 0x400, 0);                              // reserved bit 10
                results[2] = await M.UnmapRaw(ctx, good, 2);                                      // rsi bit 1
                results[3] = await M.Unmap(ctx, M.Flexpage(M.Page(8), 13, M.RightsAll));          // order above 12
                results[4] = await M.Unmap(ctx, M.Flexpage(M.Page(9), 1, M.RightsAll));           // misaligned
                results[5] = await M.Unmap(ctx, M.Flexpage(0x1000, 0, M.RightsAll));              // below the window
                results[6] = await M.Unmap(ctx, M.Flexpage(M.Page(4096), 0, M.RightsAll));        // the UTCB area
                results[7] = await M.Unmap(ctx, M.Flexpage(M.Page(8), 1, M.RightsR), own: true);  // own needs all
                results[8] = await M.Unmap(ctx, 0, own: true);                                    // nil
                results[9] = await M.Unmap(ctx, M.Flexpage(M.Page(28), 2, M.RightsAll), own: true); // roots only
            });
            w.Spawn("client", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(400), 1, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
            });
            w.World.RunToEnd();
            Assert.Equal(new[]
            {
                IpcInvalidArgument, IpcInvalidArgument, IpcInvalidArgument, MappingInvalidPage, MappingInvalidPage,
                MappingInvalidPage, MappingInvalidPage, IpcInvalidArgument, Ok, Ok,
            }, results);
            w.AssertMapped(1, 400, 8, M.RightsRW);
            w.AssertMapped(1, 401, 9, M.RightsRW);
            for (ulong p = 28; p < 32; p++)
            {
                w.AssertMapped(MemoryWorld.Sigma0, p, p, M.RightsAll);   // the flush left sigma0's roots
            }
        }

        [Fact]
        public void TheOwnFlagRemovesTheCallersMappingAndWhatItDerived()
        {
            var w = new MemoryWorld(62);
            ulong unmapped = 1, before = 0;
            SimThread? holder = null;
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                await ctx.WriteUInt64(M.Page(9), 99);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(9), 0, M.RightsRW)) })).Result);
            });
            holder = w.Spawn("holder", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(500), 0, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.SecondEndpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(500), 0, M.RightsR)) })).Result);
                before = await ctx.ReadUInt64(M.Page(500));
                unmapped = await M.Unmap(ctx, M.Flexpage(M.Page(500), 0, M.RightsAll), own: true);
                await ctx.ReadUInt64(M.Page(500));
                throw new InvalidOperationException("the unmapped page still reads");
            });
            w.Spawn("below", 2, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(600), 0, M.RightsR));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
            });
            w.World.RunToEnd();
            Assert.Equal(99ul, before);
            Assert.Equal(Ok, unmapped);
            w.AssertUnmapped(1, 500);
            w.AssertUnmapped(2, 600);
            w.AssertMapped(MemoryWorld.Sigma0, 9, 9, M.RightsAll);
            w.AssertPageFaults((holder, M.Page(500)));
        }

        [Fact]
        public void FlushTaskEmptiesAWindowAndWhatDerivesFromIt()
        {
            // what the kernel runs when a task goes (or its id comes back): task 1's pages and task 2's copies of
            // them go, task 2's own mapping from sigma0 and sigma0's roots stay
            var w = new MemoryWorld(63);
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(16), 2, M.RightsRW)) })).Result);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.SecondEndpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(21), 0, M.RightsR)) })).Result);
            });
            w.Spawn("task 1", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(100), 2, M.RightsRW));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.Endpoint)).Result);
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, Scenario.ThirdEndpoint, 1, Array.Empty<ulong>(),
                    new[] { M.Map(M.Flexpage(M.Page(100), 1, M.RightsR)) })).Result);
            });
            w.Spawn("task 2", 2, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(200), 1, M.RightsR));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, Scenario.ThirdEndpoint)).Result);
                M.Accept(ctx, M.Flexpage(M.Page(300), 0, M.RightsR));
                Assert.Equal(Ok, (await Ipc.Wait(ctx, World.SecondEndpoint)).Result);
            });
            w.World.RunToEnd();
            w.AssertMapped(2, 200, 16, M.RightsR);
            Assert.Equal(4u, w.Kernel.Core.FlushTask(1));
            for (ulong p = 100; p < 104; p++)
            {
                w.AssertUnmapped(1, p);
            }
            w.AssertUnmapped(2, 200);
            w.AssertUnmapped(2, 201);
            w.AssertMapped(2, 300, 21, M.RightsR);
            Assert.Equal(0u, w.Kernel.Core.FlushTask(1));
            Assert.Equal(1u, w.Kernel.Core.FlushTask(2));
            Assert.Equal(64u, w.Kernel.Core.FlushTask(MemoryWorld.Sigma0));
            for (ulong p = 0; p < 64; p++)
            {
                w.AssertMapped(MemoryWorld.Sigma0, p, p, M.RightsAll);
            }
            Assert.Equal(0u, w.Kernel.Core.FlushTask(MemoryWorld.Tasks));
        }
    }
}
