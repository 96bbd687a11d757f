// Malformed typed items are refused at the send with their exact codes, before anything changes: the message is not
// sent (a waiting receiver keeps waiting and gets the next, well-formed message).
using System;
using Verified.User.Sim;
using Xunit;
using static Verified.Sim.Kernel.Tests.Results;
using static Verified.Sim.Kernel.Tests.Scenarios.Memory.MemoryCodes;
using M = Verified.User.Sim.Memory;

namespace Verified.Sim.Kernel.Tests.Scenarios.Memory
{
    public sealed class ItemArgumentTests
    {
        [Fact]
        public void MalformedItemsAreRefusedAtTheSend()
        {
            var w = new MemoryWorld(81);
            ulong good = M.Flexpage(M.Page(2), 0, M.RightsRW);
            var cases = new (string What, ulong Tag, ulong[] Words, ulong Expected)[]
            {
                ("string item reserved bits 4-31", ItemMessage.Tag(1, 0, 1), new ulong[] { 1 | 0x10, M.Page(2) }, IpcInvalidArgument),
                ("unknown kind 3", ItemMessage.Tag(1, 0, 1), new ulong[] { 3, good }, IpcInvalidArgument),
                ("map item reserved bits 4-11", ItemMessage.Tag(1, 0, 1), new ulong[] { 8 | 0x10, good }, IpcInvalidArgument),
                ("flexpage reserved bit 3", ItemMessage.Tag(1, 0, 1), new ulong[] { 8, good | 8 }, IpcInvalidArgument),
                ("misaligned flexpage", ItemMessage.Tag(1, 0, 1), new ulong[] { 10, M.Flexpage(M.Page(3), 1, M.RightsR) }, MappingInvalidPage),
                ("order 13", ItemMessage.Tag(1, 0, 1), new ulong[] { 8, M.Flexpage(M.Page(0), 13, M.RightsR) }, MappingInvalidPage),
                ("nil flexpage", ItemMessage.Tag(1, 0, 1), new ulong[] { 8, 0 }, MappingInvalidPage),
                ("capability reserved bits", ItemMessage.Tag(1, 0, 1), new ulong[] { 12 | (7 << 5) | 0x100, World.Notification }, IpcInvalidArgument),
                ("capability slot above 32 bits", ItemMessage.Tag(1, 0, 1), new ulong[] { 12 | (7 << 5), 1UL << 32 }, IpcInvalidArgument),
                ("capability slot out of range", ItemMessage.Tag(1, 0, 1), new ulong[] { 12 | (7 << 5), World.OutOfRangeSlot }, CapsInvalidSlot),
                ("u + 2t above MR63", ItemMessage.Tag(1, 60, 2), new ulong[] { 0, 8, good, 8, good, 8, good, 8 }, IpcInvalidArgument),
                ("second item bad", ItemMessage.Tag(1, 0, 2), new ulong[] { 8, good, 8, good | 0x800 }, IpcInvalidArgument),
            };
            var results = new ulong[cases.Length];
            ulong received = 1, detail = 1;
            ulong[]? words = null;
            w.Spawn("sigma0", MemoryWorld.Sigma0, async ctx =>
            {
                for (int i = 0; i < cases.Length; i++)
                {
                    results[i] = (await Ipc.Invoke(ctx, World.Endpoint, Ipc.Nil, Timeout.Word(Timeout.Never, Timeout.Never),
                        cases[i].Tag, cases[i].Words)).Result;
                }
                Assert.Equal(Ok, (await ItemMessage.Send(ctx, World.Endpoint, 9, new ulong[] { 123 },
                    new[] { M.Map(good) })).Result);
            });
            w.Spawn("receiver", 1, async ctx =>
            {
                M.Accept(ctx, M.Flexpage(M.Page(10), 0, M.RightsRW));
                IpcResult r = await Ipc.Wait(ctx, World.Endpoint);
                received = r.Result;
                words = r.Words;
                detail = M.ErrorDetail(ctx);
            }, priority: 6);
            w.World.RunToEnd();
            for (int i = 0; i < cases.Length; i++)
            {
                Assert.True(cases[i].Expected == results[i], $"{cases[i].What}: 0x{results[i]:X}, expected 0x{cases[i].Expected:X}");
            }
            Assert.Equal(Ok, received);
            Assert.Equal(new ulong[] { 123 }, words);
            Assert.Equal(0ul, detail);
            w.AssertMapped(1, 10, 2, M.RightsRW);
        }
    }
}
