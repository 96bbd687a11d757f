// Ring 3: SYSCALL/SYSRET set-up, entering a user program and coming back to the kernel.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Verified.Hal.X64
{
    public static unsafe class UserMode
    {
        private const uint EferMsr = 0xC000_0080, StarMsr = 0xC000_0081, LstarMsr = 0xC000_0082, FmaskMsr = 0xC000_0084;
        private const ulong EferSyscallEnable = 1;

        // SYSCALL clears these in RFLAGS on entry: interrupts (the entry switches stacks first), trap, direction,
        // alignment check (so SMAP cannot be bypassed with a user-set AC).
        private const ulong EntryMask = (1 << 9) | (1 << 8) | (1 << 10) | (1 << 18);

        public static void Initialize()
        {
            Cpu.WriteMsr(EferMsr, Cpu.ReadMsr(EferMsr) | EferSyscallEnable);
            // STAR: SYSCALL loads cs = 0x08, ss = 0x10; SYSRET loads ss = 0x10 + 8 and cs = 0x10 + 16 (| RPL 3),
            // which is why Gdt puts user data right below user code.
            ulong sysretBase = Gdt.KernelData;
            Cpu.WriteMsr(StarMsr, ((sysretBase | 3) << 48) | ((ulong)Gdt.KernelCode << 32));
            Cpu.WriteMsr(LstarMsr, (ulong)UserModeSymbols.SyscallEntry());
            Cpu.WriteMsr(FmaskMsr, EntryMask);
            // Interrupts and exceptions from ring 3 land on the same per-CPU entry stack as SYSCALL.
            Tss.Address->Rsp0 = (ulong)UserModeSymbols.EntryStackTop();
        }

        /// <summary>
        /// Runs user code at <paramref name="rip"/> with stack <paramref name="rsp"/> in the address space rooted at
        /// <paramref name="cr3"/> until the kernel calls <see cref="Return"/>; returns the value passed there.
        /// </summary>
        [RuntimeImport("*", "user_enter")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong Enter(ulong rip, ulong rsp, ulong cr3);

        /// <summary>Abandons the current kernel entry and resumes the caller of <see cref="Enter"/>.</summary>
        [RuntimeImport("*", "user_return")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Return(ulong result);
    }
}
