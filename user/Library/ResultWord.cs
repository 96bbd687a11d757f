// The result word of docs/abi.md section 2: code in bits 0-15, domain in 16-23, receive-phase bit 24.
namespace Verified.User.Library
{
    public static class ResultWord
    {
        public const ulong Ok = 0;
        public const ulong DomainIpc = 0;
        public const ulong DomainCaps = 1;
        public const ulong DomainMapping = 2;
        public const ulong ReceivePhaseBit = 1UL << 24;
        public const ulong UnknownSyscall = 0xFFFF_FFFF_FFFF_FFFF;

        public static ulong Code(ulong result) => result & 0xFFFF;

        public static ulong Domain(ulong result) => (result >> 16) & 0xFF;

        public static bool InReceivePhase(ulong result) => (result & ReceivePhaseBit) != 0;

        /// <summary>The word a core's code becomes: code | domain &lt;&lt; 16.</summary>
        public static ulong Of(ulong domain, ulong code) => (domain << 16) | code;
    }
}
