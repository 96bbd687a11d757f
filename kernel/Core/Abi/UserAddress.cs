// Addresses a user thread may be given as its rip or rsp (Create's r8/r9, ExchangeRegisters' rdx/r10): the lower
// canonical half of x86-64. Any such address is safe to resume at: one the thread may not use faults in user mode
// and becomes fault IPC; a non-canonical one would fault in the kernel's own return to user mode instead.
namespace Verified.Kernel.Core.Abi
{
    public static class UserAddress
    {
        public const ulong End = 1UL << 47;

        public static bool IsValid(ulong address) => address < End;
    }
}
