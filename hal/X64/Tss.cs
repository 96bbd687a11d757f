// The 64-bit Task State Segment: kernel stack for ring transitions, the interrupt stacks (IST), and the I/O
// permission bitmap that decides which ports ring 3 may use (none, except a legacy device's ports for the task that
// drives it: SetPortsAllowed).
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

    // The segment followed by its I/O bitmap: one bit per port (set: refused), then the terminating all-ones byte the
    // CPU reads past the last port.
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct TaskStateWithPorts
    {
        public TaskStateSegment Segment;
        public fixed byte PortBitmap[Tss.PortBitmapBytes + 1];
    }

    public static unsafe class Tss
    {
        public const int Size = 104;
        public const int PortBitmapBytes = 65536 / 8;

        /// <summary>The segment limit: the segment, the bitmap and its terminator.</summary>
        public const int Limit = Size + PortBitmapBytes;

        /// <summary>IST slot used by the double-fault gate: a fault on a broken kernel stack still reports.</summary>
        public const byte DoubleFaultIst = 1;

        private const int DoubleFaultStackSize = 16 * 1024;

        // Non-GC statics (plain data in the image): usable before the runtime starts.
        private static TaskStateWithPorts s_tss;
        private static DoubleFaultStack s_doubleFaultStack;

        public static TaskStateSegment* Address
        {
            get
            {
                fixed (TaskStateWithPorts* tss = &s_tss)
                {
                    return &tss->Segment;
                }
            }
        }

        public static void Initialize()
        {
            fixed (DoubleFaultStack* stack = &s_doubleFaultStack)
            {
                // Stacks grow down; keep the top 16-byte aligned.
                s_tss.Segment.Ist1 = ((ulong)stack + DoubleFaultStackSize) & ~0xFUL;
            }

            // Every port refused until a driver's task runs (SetPortsAllowed).
            s_tss.Segment.IoMapBase = Size;
            fixed (byte* bitmap = s_tss.PortBitmap)
            {
                for (int i = 0; i <= PortBitmapBytes; i++)
                {
                    bitmap[i] = 0xFF;
                }
            }
        }

        /// <summary>The stack the CPU switches to on an interrupt or exception from ring 3. Written into the
        /// segment itself, a static at a fixed address: no pointer to load first.</summary>
        public static ulong Rsp0
        {
            [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
            set => s_tss.Segment.Rsp0 = value;
        }

        /// <summary>Lets ring 3 use ports [<paramref name="first"/>, first + 8) (a legacy device's eight registers,
        /// eight-aligned) or refuses them again.</summary>
        public static void SetPortsAllowed(ushort first, bool allowed)
        {
            fixed (byte* bitmap = s_tss.PortBitmap)
            {
                bitmap[first / 8] = allowed ? (byte)0 : (byte)0xFF;
            }
        }

        private struct DoubleFaultStack
        {
            public fixed byte Bytes[DoubleFaultStackSize];
        }
    }
}
