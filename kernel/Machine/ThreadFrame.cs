// A user thread's saved registers as the syscall decoder of kernel/Core names them (docs/abi.md section 1): the
// same adapter role as Sim's SimFrame, over the UserContext the entry stubs fill.
using System.Runtime.CompilerServices;
using Verified.Hal.X64;
using Verified.Kernel.Core;

namespace Verified.Kernel.Machine
{
    internal sealed unsafe class ThreadFrame : ISyscallFrame
    {
        private readonly UserContext* _context;

        // The context's saved registers, their address formed once: taken at each access (the field's address in the
        // context), it made the code generator test the context pointer for null first.
        private readonly InterruptFrame* _frame;

        // The machine thread's UTCB page, which it keeps for as long as the kernel has it (MachineThread.Utcb).
        private readonly ulong* _utcb;

        public ThreadFrame(UserContext* context, ulong* utcb)
        {
            _context = context;
            _frame = &context->Frame;
            _utcb = utcb;
        }

        public UserContext* Context => _context;

        public ulong GetNumber() => _frame->Rax;

        public void SetResult(ulong value) => _frame->Rax = value;

        // Arguments 0..5: rdi, rsi, rdx, r10, r8, r9.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong GetArgument(int index)
        {
            InterruptFrame* f = _frame;
            switch (index)
            {
                case 0: return f->Rdi;
                case 1: return f->Rsi;
                case 2: return f->Rdx;
                case 3: return f->R10;
                case 4: return f->R8;
                case 5: return f->R9;
                default: return 0;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void SetArgument(int index, ulong value)
        {
            InterruptFrame* f = _frame;
            switch (index)
            {
                case 0: f->Rdi = value; break;
                case 1: f->Rsi = value; break;
                case 2: f->Rdx = value; break;
                case 3: f->R10 = value; break;
                case 4: f->R8 = value; break;
                case 5: f->R9 = value; break;
            }
        }

        // MR0..MR8: r10, r8, r9, r12, r13, r14, r15, rbx, rbp.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong GetMessageRegister(int index)
        {
            InterruptFrame* f = _frame;
            switch (index)
            {
                case 0: return f->R10;
                case 1: return f->R8;
                case 2: return f->R9;
                case 3: return f->R12;
                case 4: return f->R13;
                case 5: return f->R14;
                case 6: return f->R15;
                case 7: return f->Rbx;
                case 8: return f->Rbp;
                default: return 0;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong ReadUtcb(uint word) => word < TaskSpaces.PageSize / 8 ? _utcb[word] : 0;

        // InterruptFrame starts with RegisterFile's fields in RegisterFile's order (both mirror boot/X64/Frame.inc;
        // the self-check RegisterFileLayout compares the offsets).
        public ref RegisterFile Registers
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => ref *(RegisterFile*)_frame;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void SetMessageRegister(int index, ulong value)
        {
            InterruptFrame* f = _frame;
            switch (index)
            {
                case 0: f->R10 = value; break;
                case 1: f->R8 = value; break;
                case 2: f->R9 = value; break;
                case 3: f->R12 = value; break;
                case 4: f->R13 = value; break;
                case 5: f->R14 = value; break;
                case 6: f->R15 = value; break;
                case 7: f->Rbx = value; break;
                case 8: f->Rbp = value; break;
            }
        }
    }
}
