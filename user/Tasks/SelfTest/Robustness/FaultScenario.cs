// A thread whose program faults (a jump into, a read of or a write to the kernel's memory, a privileged instruction,
// port I/O, a non-canonical jump, #UD, #DE): the fault arrives at the thread's handler as page-fault or exception IPC
// (docs/abi.md section 7) with the address, error code, vector and rip the CPU reported, and deleting the thread
// ends it. Answering it resumes the thread at the same instruction, which faults again: the handler sees the same
// fault twice. The kernel and every other thread go on (the scenarios after this one).
using Verified.User.Library;
using Verified.User.Scenarios;

namespace Verified.User.Robustness
{
    internal sealed class FaultScenario : Scenario
    {
        private const ulong PresentBit = 1, WriteBit = 2, UserBit = 4, FetchBit = 16;
        private const ulong NonCanonical = 0x8000_0000_0000_0000;

        private readonly int _probe;
        private readonly bool _pageFault;
        private readonly ulong _expected;      // the fault address (page fault) or the vector (exception)
        private readonly ulong _code;          // the #PF error code, or the exception's error code
        private readonly ulong _target;        // a jump's target: a fetch faults with rip there (0: rip in the probe)

        private FaultScenario(string name, int probe, bool pageFault, ulong expected, ulong code, ulong target)
            : base(name)
        {
            _probe = probe;
            _pageFault = pageFault;
            _expected = expected;
            _code = code;
            _target = target;
        }

        public static Scenario[] All() => new Scenario[]
        {
            new FaultScenario("robust-jump-into-kernel", Probes.JumpKernel, true, Probes.KernelCode,
                PresentBit | UserBit | FetchBit, Probes.KernelCode),
            new FaultScenario("robust-read-kernel-memory", Probes.ReadKernel, true, Probes.KernelCode, PresentBit | UserBit, 0),
            new FaultScenario("robust-write-kernel-memory", Probes.WriteKernel, true, Probes.KernelCode,
                PresentBit | WriteBit | UserBit, 0),
            new FaultScenario("robust-privileged-instruction", Probes.Privileged, false, 13, 0, 0),
            new FaultScenario("robust-port-io", Probes.Port, false, 13, 0, 0),
            new FaultScenario("robust-load-cr3", Probes.LoadCr3, false, 13, 0, 0),
            // Hardware reports the jump's rip, QEMU the target: the kernel must never resume there (KernelLoop).
            new FaultScenario("robust-non-canonical-jump", Probes.NonCanonical, false, 13, 0, NonCanonical),
            new FaultScenario("robust-undefined-opcode", Probes.Undefined, false, 6, 0, 0),
            new FaultScenario("robust-divide-by-zero", Probes.Divide, false, 0, 0, 0),
        };

        public override void Run(Check check)
        {
            if (!check.Equal(ResultWord.Ok, Probes.Start(_probe), "start the probe"))
            {
                Probes.Stop();
                return;
            }
            IpcResult fault = Ipc.Wait(Probes.Handler, Timeout.Ticks(5_000));
            if (Expect(check, fault, "the fault"))
            {
                // Resume it: the same instruction, the same fault.
                Expect(check, Ipc.ReplyWait(Probes.Handler, 0, Ipc.NoWords, Timeout.Ticks(5_000)), "the fault after the answer");
            }
            Probes.Stop();
        }

        private bool Expect(Check check, IpcResult fault, string what)
        {
            ulong probe = Probes.Address(_probe);
            if (!check.Equal(ResultWord.Ok, fault.Result, what)
                || !check.Equal(_pageFault ? Probes.PageFaultLabel : Probes.ExceptionLabel, fault.Label, string.Concat(what, ": label")))
            {
                return false;
            }
            ulong rip = fault.Word(2);
            bool atInstruction = (rip >= probe && rip < probe + 16) || (_target != 0 && rip == _target);
            return check.Equal(_expected, fault.Word(0), string.Concat(what, _pageFault ? ": address" : ": vector"))
                && check.Equal(_code, fault.Word(1), string.Concat(what, ": error code"))
                && check.True(atInstruction, string.Concat(what, ": rip ", Text.Hex(rip), " at the faulting instruction"))
                && check.True(_target != Probes.KernelCode || rip == _target, string.Concat(what, ": a fetch faults at its target"));
        }
    }
}
