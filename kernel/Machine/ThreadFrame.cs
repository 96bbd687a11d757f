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

        public ThreadFrame(UserContext* context)
        {
            _context = context;
        }

        public UserContext* Context => _context;

        public ulong GetNumber() => _context->Frame.Rax;

        public void SetResult(ulong value) => _context->Frame.Rax = value;

        // Arguments 0..5: rdi, rsi, rdx, r10, r8, r9.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong GetArgument(int index)
        {
            InterruptFrame* f = &_context->Frame;
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
            InterruptFrame* f = &_context->Frame;
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
            InterruptFrame* f = &_context->Frame;
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

        // Between two saved register files, MR1..MR8 are r8, r9, r12..r15, rbx, rbp: straight moves, unrolled.
        public void CopyMessageRegisters(ISyscallFrame to, ulong words)
        {
            if (to is not ThreadFrame other)
            {
                for (int i = 1; i <= (int)words; i++)
                {
                    to.SetMessageRegister(i, GetMessageRegister(i));
                }
                return;
            }
            InterruptFrame* f = &_context->Frame;
            InterruptFrame* t = &other._context->Frame;
            if (words == 0) { return; }
            t->R8 = f->R8;
            if (words == 1) { return; }
            t->R9 = f->R9;
            if (words == 2) { return; }
            t->R12 = f->R12;
            if (words == 3) { return; }
            t->R13 = f->R13;
            if (words == 4) { return; }
            t->R14 = f->R14;
            if (words == 5) { return; }
            t->R15 = f->R15;
            if (words == 6) { return; }
            t->Rbx = f->Rbx;
            if (words == 7) { return; }
            t->Rbp = f->Rbp;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void SetMessageRegister(int index, ulong value)
        {
            InterruptFrame* f = &_context->Frame;
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
