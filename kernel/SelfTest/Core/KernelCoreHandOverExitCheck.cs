// Boot self-check of HalfSyscall's exit (kernel/Core/HandOverExit.cs): the machine's IHandOverExit runs exactly when a
// fast Call or ReplyWait hands over, once, with the partner the core now runs, and never for an IPC that blocks.
// The booted kernel's exit never returns (it switches to the partner), so its handlers cannot observe this; the check
// passes an exit of its own that records its calls.
using Verified.Kernel.Core;

namespace Verified.Kernel.SelfTest
{
    internal sealed class KernelCoreHandOverExitCheck : SelfCheck
    {
        private const ulong CallForm = 1UL << 32, ReplySpecifier = 0xFFFF_FFFE, ReplyWaitTimeouts = 0xFFFF_FFFF_FFFF_0000;

        private static int s_calls;
        private static uint s_partner, s_current;

        public override string Name => "kernel core: a hand-over calls the machine's exit with its partner, and only then";

        private struct RecordingExit : IHandOverExit
        {
            public void HandedOver(KernelCore core, uint partner)
            {
                s_calls++;
                s_partner = partner;
                s_current = core.Ipc.current;
            }
        }

        public override string? Run()
        {
            var platform = new CheckPlatform();
            var server = new CheckFrame(platform, 0);
            var client = new CheckFrame(platform, 1);
            KernelCore k = KernelCoreSelfChecks.NewKernel(platform, server, client);
            s_calls = 0;

            // A Call with no receiver waiting blocks: no hand-over; the machine then finishes the syscall.
            client.Load(3, KernelCoreSelfChecks.Endpoint | CallForm, 0, KernelCoreSelfChecks.Never);
            client.SetMessageRegister(0, 0);
            byte fast = k.HalfSyscall<RecordingExit>(1, ref client.Frame.Registers, call: true);
            string? r = Differs("blocked Call", fast) ?? KernelCoreSelfChecks.Expect("exits after a blocked Call", (ulong)s_calls, 0);
            if (r != null) return r;
            k.Finish(1, ref client.Frame.Registers, fast);

            // The server's Wait takes the request (the general path), its ReplyWait hands the reply over to the client.
            server.Load(3, 0xFFFF_FFFF, KernelCoreSelfChecks.Endpoint, KernelCoreSelfChecks.Never);
            k.Syscall(0);
            server.Load(3, ReplySpecifier, KernelCoreSelfChecks.Endpoint, ReplyWaitTimeouts);
            server.SetMessageRegister(0, 0);
            fast = k.HalfSyscall<RecordingExit>(0, ref server.Frame.Registers, call: false);
            r = KernelCoreSelfChecks.Expect("ReplyWait handed over", fast, KernelCore.FastHandedOverStarted)
                ?? KernelCoreSelfChecks.Expect("exits after the reply", (ulong)s_calls, 1)
                ?? KernelCoreSelfChecks.Expect("the reply's partner", s_partner, 1)
                ?? KernelCoreSelfChecks.Expect("the core's current thread at the reply's exit", s_current, 1)
                ?? KernelCoreSelfChecks.Expect("client rax", client.Result, 0);
            if (r != null) return r;

            // The server waits again: the client's next Call hands over to it.
            client.Load(3, KernelCoreSelfChecks.Endpoint | CallForm, 0, KernelCoreSelfChecks.Never);
            client.SetMessageRegister(0, 0);
            fast = k.HalfSyscall<RecordingExit>(1, ref client.Frame.Registers, call: true);
            return KernelCoreSelfChecks.Expect("Call handed over", fast, KernelCore.FastHandedOverStarted)
                ?? KernelCoreSelfChecks.Expect("exits after the Call", (ulong)s_calls, 2)
                ?? KernelCoreSelfChecks.Expect("the Call's partner", s_partner, 0)
                ?? KernelCoreSelfChecks.Expect("the core's current thread at the Call's exit", s_current, 0)
                ?? KernelCoreSelfChecks.Expect("server rax", server.Result, 0);
        }

        private static string? Differs(string step, byte fast) =>
            fast == KernelCore.FastHandedOverStarted ? string.Concat(step, ": handed over") : null;
    }
}
