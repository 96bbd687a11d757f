// The software page walk against tables built by hand in simulated physical memory: every level, every permission
// bit, large pages, reserved bits, and the exact #PF error codes (P, W, U, RSVD, I).
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Tests
{
    public sealed class PageWalkTests
    {
        private const ulong Va = 0x0000_7F12_3456_7ABCUL;   // PML4 254, PDPT 72, PD 418, PT 359, offset 0xABC
        private const ulong P = PageTableEntry.Present, W = PageTableEntry.Writable, U = PageTableEntry.User;
        private const ulong Nx = PageTableEntry.NoExecute;

        private readonly SimPhysicalMemory _memory = new(64);
        private readonly ulong _pml4, _pdpt, _pd, _pt, _frame;
        private readonly SimAddressSpace _space;

        public PageWalkTests()
        {
            _pml4 = _memory.AllocateFrame();
            _pdpt = _memory.AllocateFrame();
            _pd = _memory.AllocateFrame();
            _pt = _memory.AllocateFrame();
            _frame = _memory.AllocateFrame();
            SetEntry(3, _pdpt | P | W | U);
            SetEntry(2, _pd | P | W | U);
            SetEntry(1, _pt | P | W | U);
            SetEntry(0, _frame | P | W | U);
            _space = new SimAddressSpace(_memory, _pml4);
        }

        [Fact]
        public void IndicesFollowTheFourLevelSplit()
        {
            Assert.Equal(254u, PageTableEntry.Index(Va, 3));
            Assert.Equal(72u, PageTableEntry.Index(Va, 2));
            Assert.Equal(418u, PageTableEntry.Index(Va, 1));
            Assert.Equal(359u, PageTableEntry.Index(Va, 0));
        }

        [Theory]
        [InlineData(AccessKind.Read)]
        [InlineData(AccessKind.Write)]
        [InlineData(AccessKind.Execute)]
        public void FullyPermittedPathTranslatesWithOffset(AccessKind kind)
        {
            Translation t = _space.Translate(Va, kind);
            Assert.True(t.IsOk);
            Assert.Equal(_frame + 0xABC, t.PhysicalAddress);
            Assert.Equal(4096UL, t.PageSize);
            Assert.Equal(4096UL - 0xABC, t.BytesToPageEnd);
        }

        [Theory]
        [InlineData(3)]
        [InlineData(2)]
        [InlineData(1)]
        [InlineData(0)]
        public void NotPresentAtAnyLevelFaultsWithoutP(int level)
        {
            SetEntry(level, Entry(level) & ~P);
            Translation read = _space.Translate(Va, AccessKind.Read);
            Assert.False(read.IsOk);
            Assert.Equal(Va, read.Fault.Address);
            Assert.Equal(PageFault.UserBit, read.Fault.ErrorCode);
            Translation write = _space.Translate(Va, AccessKind.Write);
            Assert.Equal(PageFault.UserBit | PageFault.WriteBit, write.Fault.ErrorCode);
            Translation kernelFetch = _space.Translate(Va, AccessKind.Execute, user: false);
            Assert.Equal(PageFault.FetchBit, kernelFetch.Fault.ErrorCode);
        }

        [Theory]
        [InlineData(3)]
        [InlineData(2)]
        [InlineData(1)]
        [InlineData(0)]
        public void UserBitClearAtAnyLevelFaultsUserAccessesOnly(int level)
        {
            SetEntry(level, Entry(level) & ~U);
            Translation user = _space.Translate(Va, AccessKind.Read);
            Assert.False(user.IsOk);
            Assert.Equal(PageFault.ProtectionBit | PageFault.UserBit, user.Fault.ErrorCode);
            Assert.True(user.Fault.IsProtectionViolation);
            Translation kernel = _space.Translate(Va, AccessKind.Read, user: false);
            Assert.True(kernel.IsOk);
            Assert.Equal(_frame + 0xABC, kernel.PhysicalAddress);
        }

        [Theory]
        [InlineData(3)]
        [InlineData(2)]
        [InlineData(1)]
        [InlineData(0)]
        public void WritableClearAtAnyLevelFaultsWritesFromUserAndKernel(int level)
        {
            SetEntry(level, Entry(level) & ~W);
            Assert.True(_space.Translate(Va, AccessKind.Read).IsOk);
            Translation user = _space.Translate(Va, AccessKind.Write);
            Assert.Equal(PageFault.ProtectionBit | PageFault.WriteBit | PageFault.UserBit, user.Fault.ErrorCode);
            Translation kernel = _space.Translate(Va, AccessKind.Write, user: false);   // CR0.WP = 1
            Assert.Equal(PageFault.ProtectionBit | PageFault.WriteBit, kernel.Fault.ErrorCode);
        }

        [Theory]
        [InlineData(3)]
        [InlineData(2)]
        [InlineData(1)]
        [InlineData(0)]
        public void NoExecuteAtAnyLevelFaultsFetchesOnly(int level)
        {
            SetEntry(level, Entry(level) | Nx);
            Assert.True(_space.Translate(Va, AccessKind.Read).IsOk);
            Assert.True(_space.Translate(Va, AccessKind.Write).IsOk);
            Translation fetch = _space.Translate(Va, AccessKind.Execute);
            Assert.False(fetch.IsOk);
            Assert.Equal(PageFault.ProtectionBit | PageFault.FetchBit | PageFault.UserBit, fetch.Fault.ErrorCode);
            Assert.True(fetch.Fault.IsFetch);
        }

        [Fact]
        public void SuccessfulWalkSetsAccessedAndWriteSetsDirtyOnTheLeafOnly()
        {
            Assert.True(_space.Translate(Va, AccessKind.Read).IsOk);
            for (int level = 3; level >= 0; level--)
            {
                Assert.NotEqual(0UL, Entry(level) & PageTableEntry.Accessed);
            }
            Assert.Equal(0UL, Entry(0) & PageTableEntry.Dirty);
            Assert.True(_space.Translate(Va, AccessKind.Write).IsOk);
            Assert.NotEqual(0UL, Entry(0) & PageTableEntry.Dirty);
            Assert.Equal(0UL, Entry(1) & PageTableEntry.Dirty);
        }

        [Fact]
        public void FaultingWalkLeavesAccessedBitsAlone()
        {
            SetEntry(0, Entry(0) & ~P);
            Assert.False(_space.Translate(Va, AccessKind.Read).IsOk);
            Assert.Equal(0UL, Entry(3) & PageTableEntry.Accessed);
        }

        [Fact]
        public void TwoMegabytePageTranslatesTheLowTwentyOneBits()
        {
            ulong physical = 0x20_0000;   // 2 MiB aligned; the walk computes addresses, it does not touch the page
            SetEntry(1, physical | P | W | U | PageTableEntry.PageSizeBit);
            Translation t = _space.Translate(Va, AccessKind.Read);
            Assert.True(t.IsOk);
            Assert.Equal(physical | (Va & 0x1F_FFFF), t.PhysicalAddress);
            Assert.Equal(2UL << 20, t.PageSize);
        }

        [Fact]
        public void OneGigabytePageTranslatesTheLowThirtyBits()
        {
            SetEntry(2, 0x4000_0000UL | P | U | PageTableEntry.PageSizeBit);
            Translation t = _space.Translate(Va, AccessKind.Read);
            Assert.True(t.IsOk);
            Assert.Equal(0x4000_0000UL | (Va & 0x3FFF_FFFF), t.PhysicalAddress);
            Assert.Equal(1UL << 30, t.PageSize);
            Translation write = _space.Translate(Va, AccessKind.Write);
            Assert.Equal(PageFault.ProtectionBit | PageFault.WriteBit | PageFault.UserBit, write.Fault.ErrorCode);
        }

        [Fact]
        public void PageSizeBitInThePml4IsReserved()
        {
            SetEntry(3, Entry(3) | PageTableEntry.PageSizeBit);
            Translation t = _space.Translate(Va, AccessKind.Read);
            Assert.Equal(PageFault.ProtectionBit | PageFault.ReservedBit | PageFault.UserBit, t.Fault.ErrorCode);
        }

        [Fact]
        public void NonCanonicalAddressNeverTranslates()
        {
            Translation t = _space.Translate(0x0000_8000_0000_0000UL, AccessKind.Read);
            Assert.False(t.IsOk);
            Assert.Equal(0x0000_8000_0000_0000UL, t.Fault.Address);
            Assert.NotEqual(0u, t.Fault.ErrorCode & PageFault.ReservedBit);
        }

        [Fact]
        public void MapAllocatesTablesAndUnmapClearsTheLeaf()
        {
            var space = new SimAddressSpace(_memory);
            int free = _memory.FreeFrames;
            ulong frame = _memory.AllocateFrame();
            Assert.True(space.TryMapUser(0x4000_3000, frame, 4 | 2));
            Assert.Equal(free - 1 - 3, _memory.FreeFrames);   // the frame + PDPT, PD, PT
            Assert.Equal(frame + 8, space.Translate(0x4000_3008, AccessKind.Write).PhysicalAddress);
            Assert.Equal(PageFault.ProtectionBit | PageFault.FetchBit | PageFault.UserBit,
                space.Translate(0x4000_3008, AccessKind.Execute).Fault.ErrorCode);
            ulong old = space.Unmap(0x4000_3000);
            Assert.Equal(frame, old & PageTableEntry.AddressMask);
            Assert.Equal(PageFault.UserBit, space.Translate(0x4000_3008, AccessKind.Read).Fault.ErrorCode);
            Assert.False(space.TryMap(0x4000_3001, frame, PageTableEntry.User));
        }

        private ulong EntryAddress(int level) => level switch
        {
            3 => _pml4 + PageTableEntry.Index(Va, 3) * 8,
            2 => _pdpt + PageTableEntry.Index(Va, 2) * 8,
            1 => _pd + PageTableEntry.Index(Va, 1) * 8,
            _ => _pt + PageTableEntry.Index(Va, 0) * 8,
        };

        private ulong Entry(int level) => _memory.ReadUInt64(EntryAddress(level));

        private void SetEntry(int level, ulong value) => _memory.WriteUInt64(EntryAddress(level), value);
    }
}
