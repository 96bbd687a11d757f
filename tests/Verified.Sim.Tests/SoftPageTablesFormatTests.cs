// The machine and hal/Sim/SoftPageTables.cs (the mapping core's HAL) write the same leaf format: same bits, same
// encoding of L4 rights, same decoding.
using Verified.Hal.Sim;
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Tests
{
    public sealed class SoftPageTablesFormatTests
    {
        [Theory]
        [InlineData(4)]
        [InlineData(5)]
        [InlineData(6)]
        [InlineData(7)]
        [InlineData(1)]
        [InlineData(2)]
        public void SameRightsGiveTheSameLeafEntry(byte rights)
        {
            const ulong frameBase = 0x20_0000;
            var soft = new SoftPageTables(1, frameBase);
            soft.Map(0, 5, 3, rights);
            ulong softLeaf = soft.Walk(0, SoftPageTables.VirtualAddress(5));

            var memory = new SimPhysicalMemory(1024);
            var space = new SimAddressSpace(memory);
            Assert.True(space.TryMapUser(SoftPageTables.VirtualAddress(5), soft.FrameAddress(3), rights));
            Assert.Equal(softLeaf, space.LeafEntry(SoftPageTables.VirtualAddress(5)));
            Assert.Equal(soft.Decode(softLeaf).Rights, PageTableEntry.Rights(softLeaf));
        }

        [Fact]
        public void UtcbAreaLiesJustAboveTheMappingWindow()
        {
            Assert.Equal(Utcb.AreaBase, SoftPageTables.VirtualAddress(4095) + 4096);
            Assert.Equal(0x4100_0000UL, Utcb.AreaBase);
        }
    }
}
