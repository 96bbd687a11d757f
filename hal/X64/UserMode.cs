// Ring 3: SYSCALL/SYSRET set-up, entering a user program and coming back to the kernel.
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Verified.Hal.X64
{
    public static unsafe class UserMode
    {
        // What an exit to ring 3 writes, reached without a call: the exit path's context and the entry's null flag
        // (UserMode.S, user_current_context and user_null_returns: one pointer for both). A switch also writes the
        // TSS's RSP0 (Tss.Rsp0).
        private static ExitWords* s_exit;

        // CONTRACT with boot/X64/UserMode.S: user_current_context, then user_null_returns.
        [StructLayout(LayoutKind.Sequential)]
        private struct ExitWords
        {
            public UserContext* Current;
            public ulong NullReturns;
        }

        private const uint EferMsr = 0xC000_0080, StarMsr = 0xC000_0081, LstarMsr = 0xC000_0082, FmaskMsr = 0xC000_0084;
        private const ulong EferSyscallEnable = 1;

        // SYSCALL clears these in RFLAGS on entry: interrupts (the entry switches stacks first), trap, direction,
        // alignment check (so SMAP cannot be bypassed with a user-set AC).
        private const ulong EntryMask = (1 << 9) | (1 << 8) | (1 << 10) | (1 << 18);

        public static void Initialize()
        {
            Cpu.WriteMsr(EferMsr, Cpu.ReadMsr(EferMsr) | EferSyscallEnable);
            // STAR: SYSCALL loads cs = 0x08, ss = 0x10; SYSRET loads ss = 0x10 + 8 and cs = 0x10 + 16 (| RPL 3),
            // which is why Gdt puts user data right below user code. (The kernel's exit path uses iretq for every
            // entry, so one path serves threads that entered by SYSCALL, interrupt or exception; SYSRET serves only
            // the Null syscall answered at entry, see SetNullReturns.)
            ulong sysretBase = Gdt.KernelData;
            Cpu.WriteMsr(StarMsr, ((sysretBase | 3) << 48) | ((ulong)Gdt.KernelCode << 32));
            Cpu.WriteMsr(LstarMsr, (ulong)KernelSymbols.SyscallEntry());
            Cpu.WriteMsr(FmaskMsr, EntryMask);
            s_exit = ExitWordsAddress();
        }

        /// <summary>The context that runs when the kernel next leaves to ring 3.</summary>
        public static UserContext* Current => GetCurrent();

        /// <summary>
        /// Makes <paramref name="context"/> the one the kernel leaves into; interrupts from ring 3 then push into it
        /// (TSS.RSP0 points past its iret frame). This is the whole of a context switch.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Switch(UserContext* context)
        {
            Tss.Rsp0 = (ulong)context + 176;
            s_exit->Current = context;
        }

        /// <summary><see cref="Switch(UserContext*)"/> and <see cref="SetNullReturnsWord"/> at once, the words
        /// written through one pointer.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Switch(UserContext* context, ulong nullReturns)
        {
            ExitWords* exit = s_exit;
            exit->Current = context;
            exit->NullReturns = nullReturns;
            Tss.Rsp0 = (ulong)context + 176;
        }

        /// <summary>
        /// Runs user threads, starting with <paramref name="context"/>, until the kernel calls <see cref="Return"/>;
        /// returns the value passed there.
        /// </summary>
        public static ulong Enter(UserContext* context)
        {
            Switch(context);
            return EnterCurrent(context);
        }

        [RuntimeImport("*", "user_enter")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong EnterCurrent(UserContext* context);

        /// <summary>Leaves the kernel into the current context (<see cref="Switch(UserContext*)"/>) with
        /// <paramref name="fsBase"/> as its FS base, and never returns: the kernel's frames are abandoned instead of
        /// unwound (the entry stack holds nothing between entries). Only a switch with nothing left to do after it
        /// may end so. The panic after the call says it does not return, and keeps the code generator from making it
        /// a tail call, which would unwind the caller's frame first.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void ExitWithFsBase(ulong fsBase)
        {
            ExitWithFsBaseAndNeverReturn(fsBase);
            Panic.Halt("the exit to ring 3 returned");
        }

        /// <summary><see cref="ExitWithFsBase"/> without the FS base: the thread that ran last runs on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void ExitToCurrent()
        {
            ExitToCurrentAndNeverReturn();
            Panic.Halt("the exit to ring 3 returned");
        }

        [RuntimeImport("*", "user_exit_with_fs_base")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void ExitWithFsBaseAndNeverReturn(ulong fsBase);

        [RuntimeImport("*", "user_exit_to_current")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void ExitToCurrentAndNeverReturn();

        /// <summary>Abandons the current kernel entry and resumes the caller of <see cref="Enter"/>.</summary>
        [RuntimeImport("*", "user_return")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Return(ulong result);

        /// <summary>
        /// Whether the SYSCALL entry answers a Null syscall of the context the kernel leaves into by itself (result
        /// Ok, straight back with SYSRET), without entering the kernel. The kernel says so only when such a call
        /// would change nothing else: it recomputes this at every exit to ring 3.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void SetNullReturns(bool allowed) => SetNullReturnsWord(allowed ? 1UL : 0UL);

        /// <summary><see cref="SetNullReturns"/> with the flag word itself: 1 allowed, 0 not.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void SetNullReturnsWord(ulong word) => s_exit->NullReturns = word;

        /// <summary>Null syscalls the SYSCALL entry answered by itself since boot.</summary>
        public static ulong NullReturns => GetNullCount();

        [RuntimeImport("*", "user_exit_words")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ExitWords* ExitWordsAddress();

        /// <summary>The offset in a <see cref="UserContext"/> at which the SYSCALL entry reads an IPC's send specifier
        /// to choose its handler: the saved rdi's (the boot's self-check compares the two).</summary>
        [RuntimeImport("*", "user_specifier_offset")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong SpecifierOffset();

        [RuntimeImport("*", "user_null_count_get")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong GetNullCount();

        /// <summary>
        /// Makes <paramref name="handler"/> the C# function every SYSCALL entry calls (with the thread's UserContext),
        /// instead of the boot's dispatcher (kernel/Syscalls/SyscallDispatcher.cs): the kernel loop's own, called
        /// straight from the entry. An IPC syscall whose send specifier has bit 32 set (a Call's form) goes to
        /// <paramref name="call"/> instead, one whose specifier is a reply's (a ReplyWait's) to
        /// <paramref name="replyWait"/>; each must handle any syscall, since the entry looks at nothing else.
        /// </summary>
        public static void SetSyscallHandlers(delegate*<UserContext*, void> handler, delegate*<UserContext*, void> call,
            delegate*<UserContext*, void> replyWait) => SetSyscallHandlers((void*)handler, (void*)call, (void*)replyWait);

        [RuntimeImport("*", "user_set_syscall_handlers")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void SetSyscallHandlers(void* handler, void* call, void* replyWait);

        [RuntimeImport("*", "user_get_current")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern UserContext* GetCurrent();
    }
}
