// Block copy and fill: ILC calls these for struct copies, cpblk/initblk and zeroing.
namespace System
{
    // CONTRACT with runtime: ILC looks up Memmove, Fill and ClearWithoutReferences by name here.
    internal static unsafe class SpanHelpers
    {
        internal static void Memmove(ref byte destination, ref byte source, nuint length)
        {
            fixed (byte* d = &destination)
            fixed (byte* s = &source)
            {
                Move(d, s, length);
            }
        }

        internal static void Fill(ref byte destination, byte value, nuint length)
        {
            fixed (byte* d = &destination)
            {
                Set(d, value, length);
            }
        }

        internal static void ClearWithoutReferences(ref byte destination, nuint length) => Fill(ref destination, 0, length);

        internal static void Move(byte* destination, byte* source, nuint length)
        {
            // Overlap-safe: copy backwards when the destination starts inside the source.
            if (destination > source && destination < source + length)
            {
                for (nuint i = length; i > 0; i--)
                {
                    destination[i - 1] = source[i - 1];
                }

                return;
            }

            for (nuint i = 0; i < length; i++)
            {
                destination[i] = source[i];
            }
        }

        internal static void Set(byte* destination, byte value, nuint length)
        {
            for (nuint i = 0; i < length; i++)
            {
                destination[i] = value;
            }
        }
    }
}
