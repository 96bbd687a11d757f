// System call bindings of the user library (numbers: kernel/Syscalls/SyscallNumbers.cs).
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Verified.User.Library
{
    public static class Sys
    {
        private const ulong Null = 0, DebugPutChar = 1, ExitCall = 2;

        /// <summary>The cheapest kernel entry: does nothing, returns 0.</summary>
        public static ulong NullCall() => Call(Null, 0, 0, 0);

        /// <summary>Writes text to the kernel's debug console, one character per call.</summary>
        public static void Print(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                Call(DebugPutChar, text[i], 0, 0);
            }
        }

        /// <summary>Ends the program; the kernel reports the code to whoever started it.</summary>
        public static void Exit(int code)
        {
            Call(ExitCall, (uint)code, 0, 0);
            while (true)
            {
                // Exit does not return; if a kernel ever let it, spinning keeps this program harmless.
            }
        }

        [RuntimeImport("*", "user_syscall")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong Call(ulong number, ulong a0, ulong a1, ulong a2);
    }
}
