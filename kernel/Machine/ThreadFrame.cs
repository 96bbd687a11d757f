// A user thread's saved registers for the syscall decoder of kernel/Core (docs/abi.md section 1): the same adapter
// role as Sim's SimFrame, over the UserContext the entry stubs fill.
using System.Runtime.CompilerServices;
using Verified.Hal.X64;
using Verified.Kernel.Core;

namespace Verified.Kernel.Machine
{
    internal sealed unsafe class ThreadFrame : ISyscallFrame
    {
        private readonly UserContext* _context;

        public ThreadFrame(UserContext* context)
        {
            _context = context;
        }

        public UserContext* Context => _context;

        // InterruptFrame starts with RegisterFile's fields in RegisterFile's order (both mirror boot/X64/Frame.inc;
        // the self-check RegisterFileLayout compares the offsets).
        public ref RegisterFile Registers
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => ref *(RegisterFile*)&_context->Frame;
        }
    }
}
