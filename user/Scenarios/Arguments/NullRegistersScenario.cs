// Null changes nothing but rax (Ok): every other register of the ABI comes back as it went in. On X64 the SYSCALL
// entry answers a Null by itself once the kernel allows it for the running thread, so the first call (just after a
// kernel exit that may not allow it yet) and the ones after it take both paths.
using Verified.User.Library;

namespace Verified.User.Scenarios.Arguments
{
    public sealed class NullRegistersScenario : Scenario
    {
        private const int Calls = 4;

        public NullRegistersScenario() : base("null-keeps-registers")
        {
        }

        public override void Run(Check check)
        {
            for (int call = 0; call < Calls; call++)
            {
                SyscallRegisters r = default;
                r.Rax = SyscallNumbers.Null;
                ulong seed = 0x5EED_0000_0000_0000UL | ((ulong)call << 8);
                r.Rdi = seed + 1;
                r.Rsi = seed + 2;
                r.Rdx = seed + 3;
                r.R10 = seed + 4;
                r.R8 = seed + 5;
                r.R9 = seed + 6;
                r.R12 = seed + 7;
                r.R13 = seed + 8;
                r.R14 = seed + 9;
                r.R15 = seed + 10;
                r.Rbx = seed + 11;
                r.Rbp = seed + 12;
                Machine.Syscall(ref r);
                string what = string.Concat("Null call ", call.ToString());
                check.Equal(ResultWord.Ok, r.Rax, what);
                ulong[] after = { r.Rdi, r.Rsi, r.Rdx, r.R10, r.R8, r.R9, r.R12, r.R13, r.R14, r.R15, r.Rbx, r.Rbp };
                for (int i = 0; i < after.Length; i++)
                {
                    check.Equal(seed + (ulong)i + 1, after[i], string.Concat(what, ": register ", i.ToString(), " of the block"));
                }
            }
        }
    }
}
