// The runtime's fixed slots (boot/Runtime/FixedArrays.cs), which the compiled IPC core reaches by constant addresses:
// an array moved into a slot is still the same array (its type, length and elements), at the slot's address, and the
// slot's constant address and the field name the same elements, written either way. Uses the last array slots, which
// the core leaves free; every core the boot makes after this check places its own arrays again.
using Verified.Boot.Runtime;

namespace Verified.Kernel.SelfTest
{
    internal sealed unsafe class FixedArraysCheck : SelfCheck
    {
        private const uint ByteSlot = FixedArrays.Slots - 4;
        private const uint UintSlot = FixedArrays.Slots - 3;
        private const uint UlongSlot = FixedArrays.Slots - 2;

        public override string Name => "fixed array slots: an array moved into its slot keeps type, length and elements";

        public override string? Run()
        {
            byte[] bytes = new byte[37];
            uint[] words = new uint[1000];
            ulong[] longs = new ulong[3];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)(i * 7 + 1);
            }
            for (int i = 0; i < words.Length; i++)
            {
                words[i] = (uint)i * 2654435761u;
            }
            longs[0] = ulong.MaxValue;
            longs[2] = 0x0123_4567_89AB_CDEF;

            FixedArrays.Place(ref bytes, ByteSlot);
            FixedArrays.Place(ref words, UintSlot);
            FixedArrays.Place(ref longs, UlongSlot);

            if (!At(bytes, ByteSlot) || !At(words, UintSlot) || !At(longs, UlongSlot))
            {
                return "a placed array is not at its slot's address";
            }
            if (bytes.Length != 37 || words.Length != 1000 || longs.Length != 3)
            {
                return "a placed array lost its length";
            }
            object o = words;
            if (!(o is uint[]) || o is ulong[])
            {
                return "a placed array lost its type";
            }
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != (byte)(i * 7 + 1) || FixedArrays.At<byte>(ByteSlot, (nuint)i) != bytes[i])
                {
                    return "a placed byte array's elements differ";
                }
            }
            for (int i = 0; i < words.Length; i++)
            {
                if (words[i] != (uint)i * 2654435761u || FixedArrays.At<uint>(UintSlot, (nuint)i) != words[i])
                {
                    return "a placed uint array's elements differ";
                }
            }
            if (longs[0] != ulong.MaxValue || longs[1] != 0 || FixedArrays.At<ulong>(UlongSlot, 2) != 0x0123_4567_89AB_CDEF)
            {
                return "a placed ulong array's elements differ";
            }
            // Written by slot, read through the field, and the other way.
            FixedArrays.At<uint>(UintSlot, 999) = 42;
            longs[1] = 7;
            if (words[999] != 42 || FixedArrays.At<ulong>(UlongSlot, 1) != 7)
            {
                return "a write by slot or by field is not seen the other way";
            }
            return null;
        }

        private static bool At<T>(T[] array, uint slot)
        {
            ulong address = System.Runtime.CompilerServices.Unsafe.As<T[], ulong>(ref array);
            return address == FixedArrays.Base + slot * FixedArrays.SlotBytes + FixedArrays.ObjectOffset;
        }
    }
}
