// Simulated physical memory: little-endian words, zeroed frames in a stable order, exhaustion, reserved ranges.
using System;
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Tests
{
    public sealed class PhysicalMemoryTests
    {
        [Fact]
        public void WordsAreLittleEndianAndMisalignedWordsAreRejected()
        {
            var memory = new SimPhysicalMemory(4);
            memory.WriteUInt64(0x1008, 0x0807_0605_0403_0201);
            Assert.Equal(0x01, memory.ReadByte(0x1008));
            Assert.Equal(0x08, memory.ReadByte(0x100F));
            memory.WriteByte(0x1008, 0xFF);
            Assert.Equal(0x0807_0605_0403_02FFUL, memory.ReadUInt64(0x1008));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadUInt64(0x1004));
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadByte(4 * 4096));
        }

        [Fact]
        public void FramesComeInOrderZeroedAndRunOut()
        {
            var memory = new SimPhysicalMemory(4);
            ulong a = memory.AllocateFrame();
            Assert.Equal(0x1000UL, a);
            memory.WriteUInt64(a + 8, 42);
            memory.FreeFrame(a);
            Assert.Equal(a, memory.AllocateFrame());
            Assert.Equal(0UL, memory.ReadUInt64(a + 8));   // zeroed again
            Assert.Equal(0x2000UL, memory.AllocateFrame());
            Assert.Equal(0x3000UL, memory.AllocateFrame());
            Assert.False(memory.TryAllocateFrame(out _));
            Assert.Throws<InvalidOperationException>(() => memory.AllocateFrame());
        }

        [Fact]
        public void ReservedFramesAreNeverAllocated()
        {
            var memory = new SimPhysicalMemory(8);
            Assert.Equal(3, memory.ReserveFrames(0x2000, 3));   // frames 2, 3, 4
            Assert.Equal(0x1000UL, memory.AllocateFrame());
            Assert.Equal(0x5000UL, memory.AllocateFrame());
            Assert.Equal(0x6000UL, memory.AllocateFrame());
            Assert.Equal(0x7000UL, memory.AllocateFrame());
            Assert.Equal(0, memory.FreeFrames);
        }
    }
}
