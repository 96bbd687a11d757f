// The machine primitive on X64 (the surface is declared in user/Library/Machine.cs): the SYSCALL stub with the full
// register block, the UTCB through fs, debug output through syscall 1, and thread start on a stack of its own.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Verified.User.Library
{
    public static unsafe partial class Machine
    {
        public static partial void Syscall(ref SyscallRegisters registers)
        {
            fixed (SyscallRegisters* block = &registers)
            {
                SyscallRegistersStub(block);
            }
        }

        public static partial ulong ReadUtcb(uint word) => UtcbRead(word);

        public static partial void WriteUtcb(uint word, ulong value) => UtcbWrite(word, value);

        public static partial void Print(string text) => Sys.Print(text);

        // user/Programs/Root/LoadedTask.cs: the root task's badged endpoint, through which it pages the task.
        private const uint ServiceSlot = 63;

        /// <summary>A thread paged by the task's own pager: the service endpoint of whoever started the task (the
        /// root task gives it), since the new thread's stack is untouched bss.</summary>
        public static partial ulong StartThread(uint threadSlot, uint utcbSlot, delegate*<ulong, void> entry, ulong argument) =>
            StartThreadPagedBy(threadSlot, utcbSlot, entry, argument, ServiceSlot);

        public static partial void ExitThread()
        {
            global::Verified.User.Library.Syscall.Invoke(SyscallNumbers.Exit);
            while (true)
            {
                // Exit does not return; if a kernel ever let it, spinning keeps the thread harmless.
            }
        }

        // Plain loads and stores: the MMU checks them, and a fault is a real #PF that the kernel turns into IPC to
        // the thread's pager, after whose reply the instruction runs again. (The corelib has no Volatile: each
        // access is one call the scenario makes, and the syscalls around it are opaque to the compiler.)
        public static partial byte ReadByte(ulong address) => *(byte*)address;

        public static partial void WriteByte(ulong address, byte value) => *(byte*)address = value;

        public static partial ulong ReadWord(ulong address) => *(ulong*)address;

        public static partial void WriteWord(ulong address, ulong value) => *(ulong*)address = value;

        [RuntimeExport("UserThreadMain")]
        private static void ThreadMain(ulong entry, ulong argument)
        {
            ((delegate*<ulong, void>)(void*)entry)(argument);
            ExitThread();
        }

        [RuntimeImport("*", "user_syscall_regs")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong SyscallRegistersStub(SyscallRegisters* block);

        [RuntimeImport("*", "user_utcb_read")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong UtcbRead(uint word);

        [RuntimeImport("*", "user_utcb_write")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void UtcbWrite(uint word, ulong value);

        [RuntimeImport("*", "user_thread_start_address")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong ThreadStartAddress();
    }
}
