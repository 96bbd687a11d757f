// What a machine does the moment a fast Call or ReplyWait has handed over (the partner runs with the message, and
// nothing is left for Settle): HalfSyscall calls it before it returns FastHandedOverStarted. A machine whose way
// out is a switch that never returns (the X64 kernel loop's RunPartner) passes it here, so that the hand-over's
// common end goes straight to the switch instead of carrying its result through the joins of every inlined
// function back to the handler (6 instructions a half). A machine that runs the partner itself once
// HalfSyscall returns (the simulated one, and the general path's fast Call and ReplyWait) passes ReturnToMachine.
// A type parameter, not a delegate: each instantiation is compiled apart, so the call is direct and inlined.
namespace Verified.Kernel.Core
{
    public interface IHandOverExit
    {
        /// <summary>The hand-over is complete: the core's current thread is <paramref name="partner"/>, which has
        /// started (passed, so that the machine need not read the core's current thread again). May
        /// return (then the machine's own way out follows HalfSyscall's FastHandedOverStarted, with nothing left to
        /// switch) or leave the kernel for good.</summary>
        void HandedOver(KernelCore core, uint partner);
    }

    /// <summary>Nothing at once: the machine runs the partner when HalfSyscall returns FastHandedOverStarted.</summary>
    public struct ReturnToMachine : IHandOverExit
    {
        public void HandedOver(KernelCore core, uint partner)
        {
        }
    }
}
