// Simulated physical memory: 4 KiB page frames with byte and word access and a frame allocator. Frame 0 is never
// handed out, so physical address 0 can mean "none" (as a null page-table entry does). Each frame's bytes are
// allocated when it is first written (or handed out as a span): a frame never written reads as zeros, as a fresh
// machine's memory does. A machine of 1 MiB whose runs touch a few dozen frames so costs a few dozen small arrays, not
// a zeroed megabyte on the large-object heap per machine (the explorer builds one machine per schedule).
using System;
using System.Buffers.Binary;

namespace Verified.Hal.Sim.Machine
{
    public sealed class SimPhysicalMemory
    {
        public const ulong PageSize = 4096;
        public const int PageShift = 12;

        private readonly byte[]?[] _frames;      // null: never written, all zeros
        private readonly uint[] _freeFrames;     // a stack of free frame numbers
        private int _freeCount;

        /// <summary>Creates <paramref name="frames"/> zeroed frames (frame 0 reserved).</summary>
        public SimPhysicalMemory(uint frames)
        {
            if (frames < 2 || frames > (1u << 20))
            {
                throw new ArgumentOutOfRangeException(nameof(frames), "between 2 and 2^20 frames (4 GiB)");
            }
            Frames = frames;
            _frames = new byte[frames][];
            _freeFrames = new uint[frames - 1];
            // Highest first on the stack, so allocation hands out frames 1, 2, 3... in order (stable addresses).
            for (uint f = frames - 1; f >= 1; f--)
            {
                _freeFrames[_freeCount++] = f;
            }
        }

        public uint Frames { get; }

        public ulong Size => (ulong)Frames * PageSize;

        public int FreeFrames => _freeCount;

        /// <summary>Allocates a zeroed frame and returns its physical address; false when memory is exhausted.</summary>
        public bool TryAllocateFrame(out ulong physicalAddress)
        {
            if (_freeCount == 0)
            {
                physicalAddress = 0;
                return false;
            }
            uint frame = _freeFrames[--_freeCount];
            physicalAddress = (ulong)frame << PageShift;
            // Zeroed: a frame never written is zeros already.
            _frames[frame]?.AsSpan().Clear();
            return true;
        }

        /// <summary>Takes the free frames among <paramref name="count"/> frames from <paramref name="physicalStart"/> out of
        /// the allocator (memory that another owner hands out, such as the mapping database's frames); returns how many
        /// were free.</summary>
        public int ReserveFrames(ulong physicalStart, ulong count)
        {
            ulong first = physicalStart >> PageShift, end = first + count;
            int kept = 0, reserved = 0;
            for (int i = 0; i < _freeCount; i++)
            {
                uint f = _freeFrames[i];
                if (f >= first && f < end)
                {
                    reserved++;
                }
                else
                {
                    _freeFrames[kept++] = f;
                }
            }
            _freeCount = kept;
            return reserved;
        }

        public ulong AllocateFrame() =>
            TryAllocateFrame(out ulong address) ? address : throw new InvalidOperationException("simulated physical memory exhausted");

        public void FreeFrame(ulong physicalAddress)
        {
            CheckFrame(physicalAddress);
            if (_freeCount == _freeFrames.Length)
            {
                throw new InvalidOperationException("frame freed twice");
            }
            _freeFrames[_freeCount++] = (uint)(physicalAddress >> PageShift);
        }

        /// <summary>The 4 KiB of the frame at page-aligned <paramref name="physicalAddress"/>.</summary>
        public Span<byte> Frame(ulong physicalAddress)
        {
            CheckFrame(physicalAddress);
            return Bytes(physicalAddress).AsSpan();
        }

        /// <summary>A range that must lie within one frame (what a page-table walk hands out).</summary>
        public Span<byte> Range(ulong physicalAddress, int length)
        {
            if (length < 0 || (physicalAddress & (PageSize - 1)) + (ulong)length > PageSize || physicalAddress + (ulong)length > Size)
            {
                throw new ArgumentOutOfRangeException(nameof(physicalAddress), $"0x{physicalAddress:X}+{length} crosses a frame or memory end");
            }
            return Bytes(physicalAddress).AsSpan((int)(physicalAddress & (PageSize - 1)), length);
        }

        public byte ReadByte(ulong physicalAddress)
        {
            Check(physicalAddress, 1);
            byte[]? frame = _frames[physicalAddress >> PageShift];
            return frame is null ? (byte)0 : frame[physicalAddress & (PageSize - 1)];
        }

        public void WriteByte(ulong physicalAddress, byte value)
        {
            Check(physicalAddress, 1);
            Bytes(physicalAddress)[physicalAddress & (PageSize - 1)] = value;
        }

        /// <summary>Little-endian 64-bit read; must be 8-byte aligned (page-table entries, message registers).</summary>
        public ulong ReadUInt64(ulong physicalAddress)
        {
            Check(physicalAddress, 8);
            byte[]? frame = _frames[physicalAddress >> PageShift];
            return frame is null
                ? 0
                : BinaryPrimitives.ReadUInt64LittleEndian(frame.AsSpan((int)(physicalAddress & (PageSize - 1)), 8));
        }

        public void WriteUInt64(ulong physicalAddress, ulong value)
        {
            Check(physicalAddress, 8);
            BinaryPrimitives.WriteUInt64LittleEndian(
                Bytes(physicalAddress).AsSpan((int)(physicalAddress & (PageSize - 1)), 8), value);
        }

        /// <summary>The bytes of the frame holding <paramref name="physicalAddress"/> (in range), made on first use.</summary>
        private byte[] Bytes(ulong physicalAddress) => _frames[physicalAddress >> PageShift] ??= new byte[PageSize];

        private void Check(ulong physicalAddress, uint size)
        {
            if (physicalAddress >= Size || (physicalAddress & (size - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(physicalAddress), $"0x{physicalAddress:X} out of range or misaligned");
            }
        }

        private void CheckFrame(ulong physicalAddress)
        {
            if ((physicalAddress & (PageSize - 1)) != 0 || physicalAddress == 0 || physicalAddress >= Size)
            {
                throw new ArgumentOutOfRangeException(nameof(physicalAddress), $"0x{physicalAddress:X} is not an allocatable frame");
            }
        }
    }
}
