// The syscall layer reaches a thread's saved registers as a RegisterFile laid over the start of its InterruptFrame
// (kernel/Machine/ThreadFrame.cs): every register must sit at the same offset in both. The SYSCALL entry reads the
// send specifier at a constant of its own (boot/X64/UserMode.S), which must be the frame's rdi: a wrong one would only
// send the round trip's halves to the general handler, slower but right, so nothing else would notice.
using Verified.Hal.X64;
using Verified.Kernel.Core;

namespace Verified.Kernel.SelfTest
{
    internal sealed unsafe class RegisterFileLayoutCheck : SelfCheck
    {
        public override string Name => "register file: every register at its saved frame's offset, the entry's specifier too";

        public override string? Run()
        {
            InterruptFrame frame = default;
            ulong* f = (ulong*)&frame;
            // Distinct words through the frame's names, read back through the register file's.
            for (ulong i = 0; i < 15; i++)
            {
                f[i] = 0x1000 + i;
            }
            ref RegisterFile r = ref *(RegisterFile*)&frame;
            ulong[] got =
            {
                r.Rax, r.Rbx, r.Rcx, r.Rdx, r.Rsi, r.Rdi, r.Rbp, r.R8, r.R9, r.R10, r.R11, r.R12, r.R13, r.R14, r.R15,
            };
            ulong[] want =
            {
                frame.Rax, frame.Rbx, frame.Rcx, frame.Rdx, frame.Rsi, frame.Rdi, frame.Rbp, frame.R8, frame.R9,
                frame.R10, frame.R11, frame.R12, frame.R13, frame.R14, frame.R15,
            };
            for (int i = 0; i < want.Length; i++)
            {
                if (got[i] != want[i])
                {
                    return string.Concat("register ", i.ToString(), " of the register file is not the frame's");
                }
            }
            if ((ulong)((byte*)&frame.Rdi - (byte*)&frame) != UserMode.SpecifierOffset())
            {
                return "the SYSCALL entry reads the send specifier elsewhere than the saved rdi";
            }
            return sizeof(RegisterFile) == 15 * 8 ? null : "the register file is not 15 words";
        }
    }
}
