// What the kernel may answer in rax (docs/abi.md section 2): 0, all ones for an unknown syscall, or a core's code
// with its domain, bit 24 only for IPC, every other bit zero. Anything else means the kernel wrote garbage.
namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal static class ResultWords
    {
        private const ulong UnknownSyscall = ulong.MaxValue;

        // The largest code of each domain's table (IPC ErrWrongObject, caps ErrLimit, mapping ErrNoDemap).
        private static readonly ulong[] s_maxCode = { 16, 9, 10 };

        public static bool IsWellFormed(ulong rax)
        {
            if (rax == 0 || rax == UnknownSyscall)
            {
                return true;
            }
            ulong code = rax & 0xFFFF;
            ulong domain = (rax >> 16) & 0xFF;
            bool receivePhase = (rax & (1UL << 24)) != 0;
            if ((rax >> 25) != 0 || domain >= (ulong)s_maxCode.Length || code == 0 || code > s_maxCode[domain])
            {
                return false;
            }
            return !receivePhase || domain == 0;
        }
    }
}
