// Result words of docs/abi.md section 2, one constant per code, as rax carries them (domain included; IPC errors of
// a receive phase also carry ResultWord.ReceivePhaseBit).
namespace Verified.User.Library
{
    public static class Errors
    {
        // Domain 0: the IPC core.
        public const ulong InvalidThread = 1;
        public const ulong WrongState = 2;
        public const ulong NoCurrent = 3;
        public const ulong InvalidArgument = 4;
        public const ulong NoPartner = 5;
        public const ulong CopyFailed = 6;
        public const ulong MapFailed = 7;
        public const ulong Canceled = 8;
        public const ulong Aborted = 9;
        public const ulong PartnerKilled = 10;
        public const ulong SendTimeout = 11;
        public const ulong RecvTimeout = 12;
        public const ulong SendPfTimeout = 13;
        public const ulong RecvPfTimeout = 14;
        public const ulong NestedPf = 15;
        public const ulong WrongObject = 16;

        // Domain 1: the capability core.
        public const ulong CapsInvalidTask = 0x1_0001;
        public const ulong CapsInvalidSlot = 0x1_0002;
        public const ulong CapsEmptySlot = 0x1_0003;
        public const ulong CapsSlotOccupied = 0x1_0004;
        public const ulong CapsHasChildren = 0x1_0005;
        public const ulong CapsBadgeSet = 0x1_0006;
        public const ulong CapsInvalidArgument = 0x1_0007;
        public const ulong CapsObjectLive = 0x1_0008;
        public const ulong CapsLimit = 0x1_0009;

        // Domain 2: the mapping core.
        public const ulong MappingInvalidTask = 0x2_0001;
        public const ulong MappingInvalidPage = 0x2_0002;
        public const ulong MappingNotMapped = 0x2_0003;
        public const ulong MappingNoRights = 0x2_0004;
        public const ulong MappingOccupied = 0x2_0005;
        public const ulong MappingNoMemory = 0x2_0006;
        public const ulong MappingInvalidArgument = 0x2_0008;
    }
}
