// The one machine primitive the shared user code stands on: each machine (user/Machine/X64, user/Machine/Sim)
// implements these partial methods, so both have exactly this surface and the compiler checks it.
namespace Verified.User.Library
{
    public static unsafe partial class Machine
    {
        /// <summary>Loads the 13 registers of the block, enters the kernel, stores them back (rax = result word).</summary>
        public static partial void Syscall(ref SyscallRegisters registers);

        /// <summary>Word <paramref name="word"/> (0..511) of the calling thread's UTCB (docs/abi.md section 5).</summary>
        public static partial ulong ReadUtcb(uint word);

        public static partial void WriteUtcb(uint word, ulong value);

        /// <summary>Debug output (X64: the kernel's console; Sim: the run's log).</summary>
        public static partial void Print(string text);

        /// <summary>Creates a thread in the caller's task (Create type 2 paid by task slot 0, UTCB slot
        /// <paramref name="utcbSlot"/>, its capability in <paramref name="threadSlot"/>) running
        /// <paramref name="entry"/>(<paramref name="argument"/>); the thread exits when entry returns. Returns the
        /// first non-zero result word of the calls it makes, or 0.</summary>
        public static partial ulong StartThread(uint threadSlot, uint utcbSlot, delegate*<ulong, void> entry, ulong argument);

        /// <summary>As StartThread, with the thread at <paramref name="priority"/> (Create bits 40-45: at most the
        /// caller's own, docs/abi.md section 3), so a scenario can keep its workers below its main thread.</summary>
        public static partial ulong StartThreadAt(uint threadSlot, uint utcbSlot, uint priority, delegate*<ulong, void> entry,
            ulong argument);

        /// <summary>Ends the calling thread (does not return).</summary>
        public static partial void ExitThread();

        // User memory of the calling thread's task (the mapping window, docs/abi.md section 4), accessed as the
        // thread's own code accesses it: with user permissions, so an access to a page that is not mapped (or not
        // writable) is a page fault that goes to the thread's pager and is retried after the pager's reply.

        /// <summary>The byte at user virtual address <paramref name="address"/>.</summary>
        public static partial byte ReadByte(ulong address);

        public static partial void WriteByte(ulong address, byte value);

        /// <summary>The 64-bit word at <paramref name="address"/> (8-byte aligned).</summary>
        public static partial ulong ReadWord(ulong address);

        public static partial void WriteWord(ulong address, ulong value);
    }
}
