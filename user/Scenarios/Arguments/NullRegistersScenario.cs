// Null changes nothing but rax (Ok): every other register of the ABI comes back as it went in. On X64 the SYSCALL
// entry answers a Null by itself once the kernel allows it for the running thread, so the first call (just after a
// kernel exit that may not allow it yet) and the ones after it take both paths.
using Verified.User.Library;

namespace Verified.User.Scenarios.Arguments
{
    public sealed unsafe class NullRegistersScenario : Scenario
    {
        private const int Calls = 4;
        private const int Words = 13;

        public NullRegistersScenario() : base("null-keeps-registers")
        {
        }

        public override void Run(Check check)
        {
            for (int call = 0; call < Calls; call++)
            {
                SyscallRegisters r = default;
                r.Rax = SyscallNumbers.Null;
                // The block is 13 words in ABI order (SyscallRegisters.cs): word 0 is rax, words 1..12 the rest.
                ulong* words = (ulong*)&r;
                ulong seed = 0x5EED_0000_0000_0000UL | ((ulong)call << 8);
                for (int i = 1; i < Words; i++)
                {
                    words[i] = seed + (ulong)i;
                }
                Machine.Syscall(ref r);
                string what = string.Concat("Null call ", call.ToString());
                check.Equal(ResultWord.Ok, r.Rax, what);
                for (int i = 1; i < Words; i++)
                {
                    check.Equal(seed + (ulong)i, words[i], string.Concat(what, ": word ", i.ToString(), " of the block"));
                }
            }
        }
    }
}
