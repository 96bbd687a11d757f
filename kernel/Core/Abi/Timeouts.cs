// Timeout words of docs/abi.md section 4: four 16-bit fields, each zero, infinite or relative (m * 2^e ticks),
// turned into the IPC core's values (TimeoutZero = 0, TimeoutNever = all ones, else ticks).
using System.Runtime.CompilerServices;

namespace Verified.Kernel.Core.Abi
{
    public static class Timeouts
    {
        public const ulong Zero = 0;
        public const ulong Never = 0xFFFF_FFFF_FFFF_FFFF;
        public const int SendShift = 0;
        public const int ReceiveShift = 16;
        public const int SendPageFaultShift = 32;
        public const int ReceivePageFaultShift = 48;
        private const ulong MaxExponent = 22;

        /// <summary>Decodes one 16-bit field; false for an encoding the ABI does not define.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryDecodeField(ulong field, out ulong ticks)
        {
            ticks = 0;
            if (field == 0)
            {
                return true;
            }
            if (field == 0xFFFF)
            {
                ticks = Never;
                return true;
            }
            if ((field & 0x8000) != 0)
            {
                return false;
            }
            ulong exponent = (field >> 10) & 0x1F;
            if (exponent > MaxExponent)
            {
                return false;
            }
            ticks = (field & 0x3FF) << (int)exponent;
            return true;
        }

        /// <summary>Decodes the field at <paramref name="shift"/> of a timeout word.</summary>
        public static bool TryDecode(ulong word, int shift, out ulong ticks) =>
            TryDecodeField((word >> shift) & 0xFFFF, out ticks);

        /// <summary>Decodes all four fields at once (each read once: this is on every IPC); false when any field is not
        /// a valid encoding, unused fields included.</summary>
        public static bool TryDecodeAll(ulong word, out ulong send, out ulong receive, out ulong sendPageFault,
            out ulong receivePageFault)
        {
            // The words of a Call (all infinite) and of a server's ReplyWait (a zero send phase) are the common ones.
            ulong first = word & 0xFFFF;
            if ((word >> ReceiveShift) == 0xFFFF_FFFF_FFFF && (first == 0 || first == 0xFFFF))
            {
                send = first == 0 ? Zero : Never;
                receive = Never;
                sendPageFault = Never;
                receivePageFault = Never;
                return true;
            }
            bool valid = TryDecodeField(first, out send);
            valid &= TryDecodeField((word >> ReceiveShift) & 0xFFFF, out receive);
            valid &= TryDecodeField((word >> SendPageFaultShift) & 0xFFFF, out sendPageFault);
            valid &= TryDecodeField(word >> ReceivePageFaultShift, out receivePageFault);
            return valid;
        }

        /// <summary>True when every field of the word is a valid encoding (unused fields included, so that a garbage
        /// word is refused whatever phases the call has).</summary>
        public static bool AllValid(ulong word)
        {
            ulong ignored;
            return TryDecodeAll(word, out ignored, out ignored, out ignored, out ignored);
        }
    }
}
