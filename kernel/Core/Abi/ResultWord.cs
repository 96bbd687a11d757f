// The result word of docs/abi.md section 2: the producing core's code unchanged in bits 0-15, its domain in bits
// 16-23, and for IPC bit 24 when the receive phase failed.
using System.Runtime.CompilerServices;

namespace Verified.Kernel.Core.Abi
{
    public static class ResultWord
    {
        public const ulong Ok = 0;
        public const ulong DomainIpc = 0;
        public const ulong DomainCaps = 1;
        public const ulong DomainMapping = 2;
        public const ulong ReceivePhaseBit = 1UL << 24;

        // Codes of the cores the decoders reuse (spec/Ipc/IpcTypes.dfy, spec/Caps/CapsTypes.dfy).
        public const uint IpcWrongState = 2;
        public const uint IpcInvalidArgument = 4;
        public const uint IpcRecvTimeout = 12;
        public const uint IpcSendTimeout = 11;
        public const uint IpcWrongObject = 16;
        public const uint CapsInvalidSlot = 2;
        public const uint CapsEmptySlot = 3;
        public const uint CapsSlotOccupied = 4;
        public const uint CapsInvalidArgument = 7;
        public const uint CapsLimit = 9;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Ipc(uint code, bool receivePhase)
        {
            if (code == 0)
            {
                return Ok;
            }
            return (code & 0xFFFFUL) | (DomainIpc << 16) | (receivePhase ? ReceivePhaseBit : 0);
        }

        public static ulong Caps(uint code) => code == 0 ? Ok : (code & 0xFFFFUL) | (DomainCaps << 16);

        public static ulong Mapping(uint code) => code == 0 ? Ok : (code & 0xFFFFUL) | (DomainMapping << 16);

        /// <summary>A malformed word, reserved bit or out-of-range number found before any core runs.</summary>
        public const ulong InvalidArgument = IpcInvalidArgument;
    }
}
