// The allocator behind `new`: memory comes zeroed, objects do not overlap, alignment holds.
using Verified.Hal.X64;

namespace Verified.Kernel.SelfTest
{
    internal sealed class AllocatorZeroedCheck : SelfCheck
    {
        private const int Size = 8192;

        public override string Name => "allocator returns zeroed memory";

        public override unsafe string? Run()
        {
            // Fresh RAM is already zero under QEMU, so first dirty the free memory the next
            // allocations will come from: only the allocator's own zeroing can clean it again.
            byte* free = (byte*)PhysicalMemory.Next;
            for (int i = 0; i < 2 * Size + 4096; i++)
            {
                free[i] = 0xA5;
            }

            byte* raw = PhysicalMemory.AllocateZeroed(Size, 4096);
            for (int i = 0; i < Size; i++)
            {
                if (raw[i] != 0)
                {
                    return string.Concat("raw byte ", i.ToString(), " not zero");
                }
            }

            ulong[] values = new ulong[Size / 8 - 4];
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] != 0)
                {
                    return string.Concat("array element ", i.ToString(), " not zero");
                }
            }

            return null;
        }
    }

    internal sealed class AllocatorDistinctCheck : SelfCheck
    {
        public override string Name => "allocator returns distinct objects";

        public override string? Run()
        {
            int[] a = new int[16];
            int[] b = new int[16];
            if ((object)a == (object)b)
            {
                return "two allocations are the same object";
            }

            for (int i = 0; i < 16; i++)
            {
                a[i] = i + 1;
            }

            for (int i = 0; i < 16; i++)
            {
                if (b[i] != 0)
                {
                    return "writing one array changed another";
                }
            }

            return null;
        }
    }

    internal sealed class AllocatorAlignedCheck : SelfCheck
    {
        public override string Name => "allocator honours alignment";

        public override unsafe string? Run()
        {
            byte* odd = PhysicalMemory.AllocateZeroed(3, 1);
            byte* page = PhysicalMemory.AllocateZeroed(64, 4096);
            if (((ulong)page & 4095) != 0)
            {
                return "4096-byte alignment not honoured";
            }

            if (page < odd + 3)
            {
                return "allocations overlap";
            }

            // Objects: 8-byte aligned even right after an odd-sized raw allocation.
            PhysicalMemory.AllocateZeroed(5, 1);
            byte[] bytes = new byte[1];
            fixed (byte* data = bytes)
            {
                return ((ulong)data & 7) == 0 ? null : "array data not 8-byte aligned";
            }
        }
    }
}
