// Non-IPC syscalls with up to six arguments in rdi, rsi, rdx, r10, r8, r9: the shape most bindings share.
namespace Verified.User.Library
{
    public static class Syscall
    {
        /// <summary>Enters the kernel with rax = <paramref name="number"/> and the arguments; the registers after the
        /// call are in <paramref name="registers"/>, rax is returned.</summary>
        public static ulong Invoke(ulong number, ulong rdi, ulong rsi, ulong rdx, ulong r10, ulong r8, ulong r9,
            out SyscallRegisters registers)
        {
            registers = default;
            registers.Rax = number;
            registers.Rdi = rdi;
            registers.Rsi = rsi;
            registers.Rdx = rdx;
            registers.R10 = r10;
            registers.R8 = r8;
            registers.R9 = r9;
            Machine.Syscall(ref registers);
            return registers.Rax;
        }

        public static ulong Invoke(ulong number, ulong rdi = 0, ulong rsi = 0, ulong rdx = 0, ulong r10 = 0, ulong r8 = 0)
        {
            SyscallRegisters registers;
            return Invoke(number, rdi, rsi, rdx, r10, r8, 0, out registers);
        }
    }
}
