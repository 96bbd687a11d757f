// The 64-bit Task State Segment: kernel stack for ring transitions and the interrupt stacks (IST).
using System.Runtime.InteropServices;

namespace Verified.Hal.X64
{
    // Layout fixed by the CPU (Intel SDM vol. 3, 8.7): 104 bytes, 64-bit fields at 4-byte offsets.
    [StructLayout(LayoutKind.Explicit, Size = 104)]
    public struct TaskStateSegment
    {
        [FieldOffset(4)] public ulong Rsp0;
        [FieldOffset(36)] public ulong Ist1;
        [FieldOffset(102)] public ushort IoMapBase;
    }

    public static unsafe class Tss
    {
        public const int Size = 104;

        /// <summary>IST slot used by the double-fault gate: a fault on a broken kernel stack still reports.</summary>
        public const byte DoubleFaultIst = 1;

        private const int DoubleFaultStackSize = 16 * 1024;

        // Non-GC statics (plain data in the image): usable before the runtime starts.
        private static TaskStateSegment s_tss;
        private static DoubleFaultStack s_doubleFaultStack;

        public static TaskStateSegment* Address
        {
            get
            {
                fixed (TaskStateSegment* tss = &s_tss)
                {
                    return tss;
                }
            }
        }

        public static void Initialize()
        {
            fixed (DoubleFaultStack* stack = &s_doubleFaultStack)
            {
                // Stacks grow down; keep the top 16-byte aligned.
                s_tss.Ist1 = ((ulong)stack + DoubleFaultStackSize) & ~0xFUL;
            }

            // No I/O permission bitmap: the offset points past the segment limit.
            s_tss.IoMapBase = Size;
        }

        private struct DoubleFaultStack
        {
            public fixed byte Bytes[DoubleFaultStackSize];
        }
    }
}
