// Kernel pointers and other absurd words in every argument register of every syscall but Exit: each answer is a
// result word of docs/abi.md section 2 (or all ones for a number the kernel does not know), none blocks, none
// harms the kernel.
using Verified.User.Library;
using Verified.User.Scenarios;

namespace Verified.User.Robustness
{
    internal sealed class GarbageArgumentsScenario : Scenario
    {
        private const ulong Exit = 2, DebugPutChar = 1, LastNumber = 17;

        private static readonly ulong[] s_words =
        {
            Probes.KernelCode, 0xFFFF_FFFF_8000_0000, 0x8000_0000_0000_0000, 0x4100_0000, 0xFFFF_FFFF_FFFF_FFFE,
        };

        public GarbageArgumentsScenario() : base("robust-kernel-pointers-as-arguments")
        {
        }

        public override void Run(Check check)
        {
            for (ulong number = 0; number <= LastNumber; number++)
            {
                if (number == Exit || number == DebugPutChar)
                {
                    continue;
                }
                for (int i = 0; i < s_words.Length; i++)
                {
                    ulong w = s_words[i], v = s_words[(i + 1) % s_words.Length];
                    SyscallRegisters registers;
                    ulong rax = Syscall.Invoke(number, w, v, w, v, w, v, out registers);
                    if (!check.True(IsResultWord(number, rax), string.Concat("syscall ", number.ToString(), " with ",
                        Text.Hex(w), " answered ", Text.Hex(rax))))
                    {
                        return;
                    }
                }
            }
        }

        private static bool IsResultWord(ulong number, ulong rax)
        {
            if (number > 16)
            {
                return rax == ResultWord.UnknownSyscall;
            }
            return (rax >> 25) == 0 && ResultWord.Domain(rax) <= 2;
        }
    }
}
