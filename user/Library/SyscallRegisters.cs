// The register block of one kernel entry (docs/abi.md section 1): what a syscall loads and what it reads back. The
// field order is a contract with the X64 stub (user/Runtime/X64/SyscallRegisters.S: one 8-byte word each, in this
// order); Sim copies the block to and from SimRegisters.
namespace Verified.User.Library
{
    public struct SyscallRegisters
    {
        public ulong Rax;
        public ulong Rdi;
        public ulong Rsi;
        public ulong Rdx;
        public ulong R10;
        public ulong R8;
        public ulong R9;
        public ulong R12;
        public ulong R13;
        public ulong R14;
        public ulong R15;
        public ulong Rbx;
        public ulong Rbp;

        /// <summary>Message register <paramref name="index"/> (0..8) as IPC carries it: MR0 (tag) r10, MR1 r8, MR2 r9,
        /// MR3 r12, MR4 r13, MR5 r14, MR6 r15, MR7 rbx, MR8 rbp. Other indices read 0.</summary>
        public ulong GetMessageRegister(int index)
        {
            switch (index)
            {
                case 0: return R10;
                case 1: return R8;
                case 2: return R9;
                case 3: return R12;
                case 4: return R13;
                case 5: return R14;
                case 6: return R15;
                case 7: return Rbx;
                case 8: return Rbp;
                default: return 0;
            }
        }

        public void SetMessageRegister(int index, ulong value)
        {
            switch (index)
            {
                case 0: R10 = value; break;
                case 1: R8 = value; break;
                case 2: R9 = value; break;
                case 3: R12 = value; break;
                case 4: R13 = value; break;
                case 5: R14 = value; break;
                case 6: R15 = value; break;
                case 7: Rbx = value; break;
                case 8: Rbp = value; break;
            }
        }
    }
}
