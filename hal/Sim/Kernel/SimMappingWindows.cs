// The tasks' mapping windows of one Sim kernel, each a MappingWindow over the task's SimAddressSpace: the mapping
// core's leaves land in the tables the simulated CPU walks, so user accesses and kernel copies see its mappings.
// Frames are numbered as the core numbers them: frame f is the page at FrameBase + f * 4096, reserved from the
// machine's allocator so that nothing else hands it out.
using System;
using Verified.Hal.Sim.Machine;

namespace Verified.Hal.Sim.Kernel
{
    public sealed class SimMappingWindows : IPageTableSpace
    {
        private readonly MappingWindow[] _windows;

        public SimMappingWindows(SimMachine machine, uint tasks, uint frames)
        {
            SimPhysicalMemory memory = machine.Memory;
            if (frames == 0 || frames > MappingWindow.Pages || frames >= memory.Frames)
            {
                throw new ArgumentOutOfRangeException(nameof(frames));
            }
            // The highest frames: the allocator hands out the lowest first, so they are still free at boot.
            FrameBase = (memory.Frames - frames) * SimPhysicalMemory.PageSize;
            if (memory.ReserveFrames(FrameBase, frames) != (int)frames)
            {
                throw new InvalidOperationException("the frames for sigma0 are already in use");
            }
            Frames = frames;
            _windows = new MappingWindow[tasks];
            for (uint t = 0; t < tasks; t++)
            {
                _windows[t] = new MappingWindow(machine.CreateAddressSpace(), FrameBase);
            }
        }

        public ulong FrameBase { get; }

        public uint Frames { get; }

        public uint Tasks => (uint)_windows.Length;

        public MappingWindow Window(int task) => _windows[task];

        public void Map(uint t, ulong v, ulong f, byte rights) => _windows[t].Map(v, f, rights);

        public void Unmap(uint t, ulong v) => _windows[t].Unmap(v);
    }
}
