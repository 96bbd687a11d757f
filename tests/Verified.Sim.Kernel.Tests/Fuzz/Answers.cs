// What every answer must be: a result word of docs/abi.md section 2 (all ones exactly for the syscalls this
// kernel does not know), and for a successful ExchangeRegisters the registers section 9 promises.
using Verified.Hal.Sim.Machine;

namespace Verified.Sim.Kernel.Tests.Fuzz
{
    internal static class Answers
    {
        /// <summary>The UTCB's error-detail word (docs/abi.md section 5), written by the kernel only: 0, or the code
        /// and domain of the capability (1) or mapping (2) core and the index of one of at most four register items.</summary>
        public static void CheckDetail(FuzzWorld world, uint id, FuzzCall call, ulong detail)
        {
            ulong domain = (detail >> 16) & 0xFF;
            bool wellFormed = detail == 0
                || ((detail >> 26) == 0 && (domain == 1 || domain == 2) && ResultWords.IsWellFormed(detail & 0xFF_FFFF));
            if (!wellFormed)
            {
                throw new FuzzFailure(world.Seed, world.Checked.Syscalls, $"thread {id} {call}",
                    $"error-detail word 0x{detail:X} is no detail of a typed item");
            }
        }

        private const ulong MaxIpcState = 10;

        public static void Check(FuzzWorld world, uint id, FuzzCall call, SimRegisters r)
        {
            ulong rax = r.Rax;
            bool known = call.Number is 0 or 1 or (>= 3 and <= 16);
            if (!ResultWords.IsWellFormed(rax) || (!known && rax != ulong.MaxValue) || (known && rax == ulong.MaxValue))
            {
                throw new FuzzFailure(world.Seed, world.Checked.Syscalls, $"thread {id} {call}",
                    $"answered 0x{rax:X}, not a result word of this syscall");
            }
            // A successful ExchangeRegisters reports the target's IPC state (0 Free .. 10 Dead) in r8 and zeroes
            // rdx, r10, r9 (docs/abi.md section 9).
            if (call.Number == 13 && rax == 0 && (r.R8 > MaxIpcState || r.Rdx != 0 || r.R10 != 0 || r.R9 != 0))
            {
                throw new FuzzFailure(world.Seed, world.Checked.Syscalls, $"thread {id} {call}",
                    $"ExchangeRegisters answered r8 0x{r.R8:X}, rdx 0x{r.Rdx:X}, r10 0x{r.R10:X}, r9 0x{r.R9:X}");
            }
        }
    }
}
