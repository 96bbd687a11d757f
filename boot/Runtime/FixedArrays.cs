// The verified IPC core's arrays at addresses fixed when the kernel is linked, as a C kernel's global arrays are.
// ProvedArray.At reaches an element in two loads: the array's reference from its field, then the element. Its
// stores go through a reference the code generator cannot place, so after every store it must load every array
// reference again; on the IPC path, about one instruction in three was such a load. An array whose slot is a
// constant is reached in one instruction ([index * size + address]), with nothing to reload.
//
// The post-processor (tools/Verified.PostProcess/Rewriters/FixedArraySlots.cs) gives every array field of the IPC
// core's state classes a slot, rewrites the core's proved accesses to those fields into At with that slot, and
// ends each constructor by moving the arrays it made into their slots (Place). The array stays an ordinary array
// object (its header, length and elements copied into the slot), so every other use of the field (its length, a
// hand-written access) sees the same elements. One IPC core uses the slots at a time: the boot's self-checks make
// theirs one after another, and the kernel's own comes last (Seal refuses any after it).
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace Verified.Boot.Runtime
{
    public static unsafe class FixedArrays
    {
        // CONTRACT with boot/X64/linker.ld (.corearrays): the slots' first byte and their size in all.
        public const ulong Base = 0x40_0000;
        public const ulong SlotBytes = 0x1_0000;
        public const uint Slots = 48;

        // A slot holds the array object as the allocator lays it out: the object header's word, the type pointer
        // (the object's address), the length, then the elements.
        public const ulong ObjectOffset = 16;
        private const ulong ElementsOffset = ObjectOffset + 16;

        private static bool s_sealed;

        /// <summary>The element at <paramref name="index"/> of the array in <paramref name="slot"/> (a constant at
        /// every use, so the address folds into the instruction). The index is in range by the core's proof, as
        /// for ProvedArray.At; Place checked that the array fits its slot.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ref T At<T>(ulong slot, nuint index) =>
            ref Unsafe.Add(ref Unsafe.AsRef<T>((void*)(Base + slot * SlotBytes + ElementsOffset)), index);

        /// <summary>Moves the array in <paramref name="field"/> into <paramref name="slot"/> and points the field at
        /// it there. A panic when it does not fit, or after Seal. (The kernel checks at boot that the linker put the
        /// slots at Base.) One for each element type the core's arrays have.</summary>
        public static void Place(ref byte[] field, uint slot)
        {
            nuint placed = Move(Unsafe.As<byte[], nuint>(ref field), (ulong)field.Length, sizeof(byte), slot);
            field = Unsafe.As<nuint, byte[]>(ref placed);
        }

        public static void Place(ref uint[] field, uint slot)
        {
            nuint placed = Move(Unsafe.As<uint[], nuint>(ref field), (ulong)field.Length, sizeof(uint), slot);
            field = Unsafe.As<nuint, uint[]>(ref placed);
        }

        public static void Place(ref ulong[] field, uint slot)
        {
            nuint placed = Move(Unsafe.As<ulong[], nuint>(ref field), (ulong)field.Length, sizeof(ulong), slot);
            field = Unsafe.As<nuint, ulong[]>(ref placed);
        }

        // Copies the array object at `array` (its header word, type, length and elements) into the slot and returns
        // the copy's address.
        private static nuint Move(nuint array, ulong length, ulong elementSize, uint slot)
        {
            if (s_sealed)
            {
                RuntimeFailure.Fail("fixed arrays: an IPC core made after the kernel's own would share its slots");
            }
            ulong bytes = ElementsOffset + length * elementSize;
            if (slot >= Slots || bytes > SlotBytes)
            {
                RuntimeFailure.Fail("fixed arrays: an array of the IPC core does not fit its slot");
            }
            byte* source = (byte*)array - (ObjectOffset - 8);
            byte* target = (byte*)(Base + slot * SlotBytes) + 8;
            for (ulong i = 0; i < bytes - 8; i++)
            {
                target[i] = source[i];
            }
            return (nuint)(Base + slot * SlotBytes + ObjectOffset);
        }

        /// <summary>The kernel's own IPC core has its slots: no other may take them.</summary>
        public static void Seal() => s_sealed = true;
    }
}
