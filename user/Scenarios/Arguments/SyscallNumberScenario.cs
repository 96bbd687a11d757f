// The syscalls without arguments return 0 (Null, Yield); a number the kernel does not know returns all ones, which
// is never a valid result word.
using Verified.User.Library;

namespace Verified.User.Scenarios.Arguments
{
    public sealed class SyscallNumberScenario : Scenario
    {
        public SyscallNumberScenario() : base("syscall-numbers")
        {
        }

        public override void Run(Check check)
        {
            check.Equal(ResultWord.Ok, Threads.Null(), "Null");
            check.Equal(ResultWord.Ok, Threads.Yield(), "Yield");
            check.Equal(ResultWord.UnknownSyscall, Syscall.Invoke(17), "number 17");
            check.Equal(ResultWord.UnknownSyscall, Syscall.Invoke(99), "number 99");
            check.Equal(ResultWord.UnknownSyscall, Syscall.Invoke(1UL << 63), "number 2^63");
        }
    }
}
