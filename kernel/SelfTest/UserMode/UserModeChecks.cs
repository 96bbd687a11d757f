// Ring 3 from the kernel's side: programs enter user mode, make system calls, and whatever they do wrong (a
// privileged instruction, a kernel address, an endless loop) stays theirs: the kernel reports it and goes on.
using Verified.Hal.X64;
using Verified.Kernel.Syscalls;
using Verified.Kernel.UserPrograms;

namespace Verified.Kernel.SelfTest
{
    internal static class UserModeSelfChecks
    {
        public static SelfCheck[] All() => new SelfCheck[]
        {
            new TimerTicksCheck(),
            new CpuProtectionCheck(),
            new NullSyscallCheck(),
            new PrintFromRing3Check(),
            new UnknownSyscallCheck(),
            new PrivilegedInstructionCheck(),
            new KernelReadCheck(),
            new EndlessLoopCheck(),
            new ContextSwitchCheck(),
        };
    }

    internal sealed class TimerTicksCheck : SelfCheck
    {
        public override string Name => "timer: LAPIC periodic ticks arrive";

        public override string? Run()
        {
            ulong start = KernelHandlers.Ticks;
            for (int i = 0; i < 1000 && KernelHandlers.Ticks < start + 3; i++)
            {
                Cpu.WaitForInterrupt();
            }
            return KernelHandlers.Ticks >= start + 3 ? null : "fewer than 3 ticks while waiting for interrupts";
        }
    }

    internal sealed class CpuProtectionCheck : SelfCheck
    {
        public override string Name => "cpu: SMEP and SMAP on when offered";

        public override string? Run()
        {
            ulong cr4 = Cpu.ReadCr4();
            if (CpuProtection.Smep && (cr4 & (1UL << 20)) == 0)
            {
                return "SMEP offered but CR4.SMEP clear";
            }
            if (CpuProtection.Smap && (cr4 & (1UL << 21)) == 0)
            {
                return "SMAP offered but CR4.SMAP clear";
            }
            return null;
        }
    }

    internal abstract unsafe class UserProgramCheck : SelfCheck
    {
        // Ticks a well-behaved probe may take before the check calls it stuck.
        protected const ulong Budget = 50;

        protected abstract ulong Expected { get; }

        protected abstract ulong Execute();

        public override string? Run()
        {
            ulong syscallsBefore = SyscallDispatcher.Count;
            ulong result = Execute();
            if (result != Expected)
            {
                return string.Concat("ended with ", result.ToString(), ", expected ", Expected.ToString());
            }
            return SyscallDispatcher.Count > syscallsBefore || Expected >= (1UL << 40)
                ? null
                : "no system call reached the kernel";
        }
    }

    internal sealed unsafe class NullSyscallCheck : UserProgramCheck
    {
        public override string Name => "user mode: null system call round trip";

        protected override ulong Expected => 0x1000;

        protected override ulong Execute() =>
            UserRun.Run(KernelSymbols.ProbeNullStart(), KernelSymbols.ProbeNullEnd(), Budget);
    }

    internal sealed unsafe class PrintFromRing3Check : UserProgramCheck
    {
        public override string Name => "user mode: debug output, registers kept across system calls";

        protected override ulong Expected => 0x33;

        protected override ulong Execute() =>
            UserRun.Run(KernelSymbols.ProbePrintStart(), KernelSymbols.ProbePrintEnd(), Budget);
    }

    internal sealed unsafe class UnknownSyscallCheck : UserProgramCheck
    {
        public override string Name => "user mode: an unknown system call returns an error";

        protected override ulong Expected => 0xFFFF_FFFF;

        // The probe exits with the result, and exit keeps its low 32 bits: all ones.
        protected override ulong Execute() =>
            UserRun.Run(KernelSymbols.ProbeBadCallStart(), KernelSymbols.ProbeBadCallEnd(), Budget);
    }

    internal sealed unsafe class PrivilegedInstructionCheck : UserProgramCheck
    {
        public override string Name => "user mode: a privileged instruction is contained (#GP)";

        protected override ulong Expected => UserRun.Faulted(13);

        protected override ulong Execute() =>
            UserRun.Run(KernelSymbols.ProbePrivilegedStart(), KernelSymbols.ProbePrivilegedEnd(), Budget);
    }

    internal sealed unsafe class KernelReadCheck : UserProgramCheck
    {
        public override string Name => "user mode: reading kernel memory is contained (#PF)";

        protected override ulong Expected => UserRun.Faulted(14);

        protected override ulong Execute() =>
            UserRun.Run(KernelSymbols.ProbeKernelReadStart(), KernelSymbols.ProbeKernelReadEnd(), Budget);
    }

    internal sealed unsafe class EndlessLoopCheck : UserProgramCheck
    {
        public override string Name => "user mode: an endless loop is preempted by the timer";

        protected override ulong Expected => UserRun.Preempted;

        protected override ulong Execute() =>
            UserRun.Run(KernelSymbols.ProbeSpinStart(), KernelSymbols.ProbeSpinEnd(), 5);
    }
}

namespace Verified.Kernel.SelfTest
{
    internal sealed unsafe class ContextSwitchCheck : SelfCheck
    {
        private const int Threads = 3;
        private const ulong Ticks = 30;

        public override string Name => "user mode: timer-driven context switches keep registers and address spaces";

        public override string? Run()
        {
            UserContext** contexts = stackalloc UserContext*[Threads];
            ulong** counters = stackalloc ulong*[Threads];
            for (int i = 0; i < Threads; i++)
            {
                contexts[i] = UserRun.Load(KernelSymbols.ProbeCounterStart(), KernelSymbols.ProbeCounterEnd(),
                    out counters[i]);
            }
            ulong result = RoundRobin.Run(contexts, Threads, Ticks);
            if (result != UserRun.Preempted)
            {
                return string.Concat("a counter stopped with ", result.ToString(), " (2989 = register lost)");
            }
            if (RoundRobin.Switches < Ticks - 1)
            {
                return string.Concat("only ", RoundRobin.Switches.ToString(), " context switches");
            }
            for (int i = 0; i < Threads; i++)
            {
                if (*counters[i] == 0)
                {
                    return string.Concat("counter ", i.ToString(), " never ran");
                }
            }
            return null;
        }
    }
}
