// The cross-address-space copy: exact progress when a page faults in the middle, on either side, resumption after
// the page is mapped, and the chunk limit that makes preemption points.
using System;
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Tests
{
    public sealed class UserCopyTests
    {
        private const ulong SrcBase = 0x4000_0000, DstBase = 0x4010_0000;
        private const byte Rw = 4 | 2, R = 4;

        private readonly SimPhysicalMemory _memory = new(128);
        private readonly SimAddressSpace _src, _dst;
        private readonly ulong[] _srcFrames = new ulong[4];
        private readonly ulong[] _dstFrames = new ulong[4];

        public UserCopyTests()
        {
            _src = new SimAddressSpace(_memory);
            _dst = new SimAddressSpace(_memory);
            for (int i = 0; i < 4; i++)
            {
                _srcFrames[i] = _memory.AllocateFrame();
                _dstFrames[i] = _memory.AllocateFrame();
                Assert.True(_src.TryMapUser(SrcBase + (ulong)i * 4096, _srcFrames[i], R));
                Span<byte> bytes = _memory.Frame(_srcFrames[i]);
                for (int b = 0; b < bytes.Length; b++)
                {
                    bytes[b] = Pattern((ulong)i * 4096 + (ulong)b);
                }
            }
            Assert.True(_dst.TryMapUser(DstBase, _dstFrames[0], Rw));
            Assert.True(_dst.TryMapUser(DstBase + 4096, _dstFrames[1], Rw));
            // destination page 2 left unmapped; page 3 mapped
            Assert.True(_dst.TryMapUser(DstBase + 3 * 4096, _dstFrames[3], Rw));
        }

        [Fact]
        public void DestinationFaultMidCopyReportsExactProgressAndLeavesTheFaultingPageUntouched()
        {
            // 0x100 into the source, 0x800 into the destination: destination page 2 starts 0x1800 bytes in.
            CopyResult result = UserCopy.Copy(_src, SrcBase + 0x100, _dst, DstBase + 0x800, 3 * 4096);
            Assert.Equal(CopyStatus.DestinationFault, result.Status);
            Assert.Equal(0x1800UL, result.Copied);
            Assert.Equal(DstBase + 2 * 4096, result.Fault.Address);
            Assert.Equal(PageFault.WriteBit | PageFault.UserBit, result.Fault.ErrorCode);
            Assert.False(result.Fault.IsProtectionViolation);
            for (ulong i = 0; i < 0x1800; i += 0x7F)
            {
                Assert.Equal(Pattern(0x100 + i), ReadDestination(0x800 + i));
            }
            Assert.Equal(0, _memory.ReadByte(_dstFrames[0] + 0x7FF));   // before the destination start: untouched
            Assert.Equal(0, _memory.ReadByte(_dstFrames[3]));           // after the fault: untouched
        }

        [Fact]
        public void CopyResumesAfterThePagerMapsTheFaultingPage()
        {
            CopyResult first = UserCopy.Copy(_src, SrcBase + 0x100, _dst, DstBase + 0x800, 3 * 4096);
            ulong frame = _memory.AllocateFrame();
            Assert.True(_dst.TryMapUser(first.Fault.Address, frame, Rw));
            CopyResult rest = UserCopy.Copy(_src, SrcBase + 0x100 + first.Copied, _dst, DstBase + 0x800 + first.Copied,
                3 * 4096 - first.Copied);
            Assert.Equal(CopyStatus.Completed, rest.Status);
            Assert.Equal(3 * 4096 - 0x1800UL, rest.Copied);
            for (ulong i = 0; i < 3 * 4096; i += 0x3F)
            {
                Assert.Equal(Pattern(0x100 + i), ReadDestination(0x800 + i));
            }
            Assert.Equal(Pattern(0x100 + 3 * 4096 - 1), ReadDestination(0x800 + 3 * 4096 - 1));
        }

        [Fact]
        public void SourceFaultOnANonUserPageIsAProtectionFault()
        {
            // Source page 1 becomes supervisor-only.
            ulong leaf = _src.EntryAddress(SrcBase + 4096, 0);
            _memory.WriteUInt64(leaf, _memory.ReadUInt64(leaf) & ~PageTableEntry.User);
            CopyResult result = UserCopy.Copy(_src, SrcBase + 0x10, _dst, DstBase, 8000);
            Assert.Equal(CopyStatus.SourceFault, result.Status);
            Assert.Equal(4096UL - 0x10, result.Copied);
            Assert.Equal(SrcBase + 4096, result.Fault.Address);
            Assert.Equal(PageFault.ProtectionBit | PageFault.UserBit, result.Fault.ErrorCode);
        }

        [Fact]
        public void ReadOnlyDestinationIsAWriteProtectionFault()
        {
            CopyResult result = UserCopy.Copy(_dst, DstBase, _src, SrcBase + 0x20, 100);
            Assert.Equal(CopyStatus.DestinationFault, result.Status);
            Assert.Equal(0UL, result.Copied);
            Assert.Equal(SrcBase + 0x20, result.Fault.Address);
            Assert.Equal(PageFault.ProtectionBit | PageFault.WriteBit | PageFault.UserBit, result.Fault.ErrorCode);
        }

        [Fact]
        public void ChunkLimitStopsAtTheLimitAndChunksAddUp()
        {
            ulong done = 0;
            int chunks = 0;
            while (true)
            {
                CopyResult r = UserCopy.Copy(_src, SrcBase + done, _dst, DstBase + done, 5000 - done, 1024);
                done += r.Copied;
                chunks++;
                if (r.Status == CopyStatus.Completed)
                {
                    break;
                }
                Assert.Equal(CopyStatus.ChunkLimit, r.Status);
                Assert.Equal(1024UL, r.Copied);
            }
            Assert.Equal(5000UL, done);
            Assert.Equal(5, chunks);
            Assert.Equal(Pattern(4999), ReadDestination(4999));
        }

        [Fact]
        public void ZeroLengthCompletesWithoutTouchingTables()
        {
            CopyResult r = UserCopy.Copy(_src, 0xDEAD_0000, _dst, 0xBEEF_0000, 0);
            Assert.Equal(CopyStatus.Completed, r.Status);
            Assert.Equal(0UL, r.Copied);
        }

        private byte ReadDestination(ulong offset) =>
            _memory.ReadByte(_dst.Translate(DstBase + offset, AccessKind.Read).PhysicalAddress);

        private static byte Pattern(ulong offset) => (byte)(offset * 7 + (offset >> 8));
    }
}
