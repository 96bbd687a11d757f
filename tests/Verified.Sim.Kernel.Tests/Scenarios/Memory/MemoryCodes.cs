// Result words and error-detail words of the memory scenarios (docs/abi.md section 2 domain 2, section 5 word 97).
namespace Verified.Sim.Kernel.Tests.Scenarios.Memory
{
    internal static class MemoryCodes
    {
        public const ulong IpcMapFailed = 7;
        public const ulong MappingInvalidPage = 0x2_0002;
        public const ulong MappingNotMapped = 0x2_0003;
        public const ulong MappingNoRights = 0x2_0004;
        public const ulong MappingOccupied = 0x2_0005;
        public const ulong MappingInvalidArgument = 0x2_0008;

        /// <summary>The error-detail word for the result word <paramref name="code"/> of item <paramref name="item"/>.</summary>
        public static ulong Detail(ulong code, int item) => code | ((ulong)item << 24);
    }
}
