// A page fault as the CPU reports it: the faulting linear address (CR2) and the #PF error code.
namespace Verified.Hal.Sim.Machine
{
    /// <summary>The kind of access a translation is for.</summary>
    public enum AccessKind : byte
    {
        Read = 0,
        Write = 1,
        Execute = 2,
    }

    public readonly struct PageFault
    {
        // #PF error code bits (Intel SDM vol. 3, 4.7).
        public const uint ProtectionBit = 1;       // P: 0 = not present, 1 = protection violation
        public const uint WriteBit = 1 << 1;       // W/R: the access was a write
        public const uint UserBit = 1 << 2;        // U/S: the access came from user mode
        public const uint ReservedBit = 1 << 3;    // RSVD: a reserved bit was set in an entry
        public const uint FetchBit = 1 << 4;       // I/D: instruction fetch

        public PageFault(ulong address, uint errorCode)
        {
            Address = address;
            ErrorCode = errorCode;
        }

        /// <summary>The linear address whose access faulted (CR2).</summary>
        public ulong Address { get; }

        public uint ErrorCode { get; }

        public bool IsProtectionViolation => (ErrorCode & ProtectionBit) != 0;

        public bool IsWrite => (ErrorCode & WriteBit) != 0;

        public bool IsUser => (ErrorCode & UserBit) != 0;

        public bool IsFetch => (ErrorCode & FetchBit) != 0;

        /// <summary>The error code bits an access sets on its own, before P/RSVD are known.</summary>
        public static uint AccessBits(AccessKind kind, bool user) =>
            (kind == AccessKind.Write ? WriteBit : 0) | (kind == AccessKind.Execute ? FetchBit : 0) | (user ? UserBit : 0);

        public override string ToString() => $"#PF at 0x{Address:X} error 0x{ErrorCode:X}";
    }
}
