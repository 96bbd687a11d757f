// MappingWindow, the machine-side twin of SoftPageTables: the same operations give the same leaves, Map never
// allocates, and what it maps is what user threads of the machine can access.
using Verified.Hal.Sim;
using Verified.Hal.Sim.Machine;
using Xunit;

namespace Verified.Sim.Tests
{
    public sealed class MappingWindowTests
    {
        private const ulong FrameBase = 0x10_0000;

        [Fact]
        public void SameOperationsGiveTheSameLeavesAsSoftPageTables()
        {
            var soft = new SoftPageTables(1, FrameBase);
            var memory = new SimPhysicalMemory(2048);
            var window = new MappingWindow(new SimAddressSpace(memory), FrameBase);
            var random = new SplitMix64(99);
            for (int i = 0; i < 3000; i++)
            {
                ulong v = (ulong)random.Next(4096);
                if (random.Next(3) == 0)
                {
                    soft.Unmap(0, v);
                    window.Unmap(v);
                }
                else
                {
                    ulong f = (ulong)random.Next(256);
                    byte rights = (byte)(1 + random.Next(7));
                    soft.Map(0, v, f, rights);
                    window.Map(v, f, rights);
                }
            }
            for (ulong v = 0; v < 4096; v++)
            {
                Assert.Equal(soft.Walk(0, SoftPageTables.VirtualAddress(v)), window.Walk(v));
            }
            Assert.Equal(soft.Invalidations, window.Invalidations);
        }

        [Fact]
        public void MapNeverAllocatesAfterConstruction()
        {
            var memory = new SimPhysicalMemory(64);
            var window = new MappingWindow(new SimAddressSpace(memory), FrameBase);
            int free = memory.FreeFrames;
            Assert.Equal(64 - 1 - 11, free);   // frame 0 reserved; PML4, PDPT, PD and 8 page tables
            for (ulong v = 0; v < 4096; v += 37)
            {
                window.Map(v, v % 16, 7);
            }
            Assert.Equal(free, memory.FreeFrames);
            Assert.Equal((9UL, (byte)7), window.Decode(window.Walk(37 * 5)));   // page 185 -> frame 185 % 16
        }

        [Fact]
        public void WhatTheWindowMapsIsWhatUserThreadsAccess()
        {
            var machine = new SimMachine(new RandomSimScheduler(4), frames: 512);
            Assert.Equal(16, machine.Memory.ReserveFrames(FrameBase, 16));   // the database's frames 0..15
            var kernel = new TestKernel(machine);
            SimAddressSpace space = machine.CreateAddressSpace();
            var window = new MappingWindow(space, FrameBase);
            window.Map(3, 2, 4);   // page 3 read-only onto frame 2
            machine.Memory.WriteUInt64(window.FrameAddress(2) + 16, 0xC0FFEE);
            ulong read = 0;
            machine.CreateThread("t", space, async ctx =>
            {
                read = await ctx.ReadUInt64(SoftPageTables.VirtualAddress(3) + 16);
                await ctx.WriteUInt64(SoftPageTables.VirtualAddress(3) + 16, 1);
            });
            Assert.Equal(SimStopReason.NothingEnabled, machine.Run(10));
            Assert.Equal(0xC0FFEEUL, read);
            PageFault fault = Assert.Single(kernel.Faults);
            Assert.Equal(SoftPageTables.VirtualAddress(3) + 16, fault.Address);
            Assert.Equal(PageFault.ProtectionBit | PageFault.WriteBit | PageFault.UserBit, fault.ErrorCode);
        }
    }
}
