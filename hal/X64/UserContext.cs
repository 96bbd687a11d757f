// A user thread's machine state while it is not running: its registers (laid out as the InterruptFrame the entry
// stubs build, so the CPU pushes the iret frame straight into it), its address space and its vector state.
using System.Runtime.InteropServices;

namespace Verified.Hal.X64
{
    // CONTRACT with boot/X64/UserMode.S: Frame at 0 (iret frame ends at 176; its rdi, which the SYSCALL entry reads
    // to choose a handler, at 40), Cr3 at 176, Fx at 192 (16-aligned when the context is, fxsave's requirement).
    [StructLayout(LayoutKind.Explicit, Size = 704)]
    public unsafe struct UserContext
    {
        public const ulong SyscallVector = 0x100;
        public const int Alignment = 64;

        private const ulong InterruptsEnabled = 0x202;
        private const ushort DefaultFpuControl = 0x037F;   // all x87 exceptions masked
        private const uint DefaultMxcsr = 0x1F80;          // all SSE exceptions masked, round to nearest

        [FieldOffset(0)] public InterruptFrame Frame;
        [FieldOffset(176)] public ulong Cr3;
        [FieldOffset(192)] public fixed byte Fx[512];

        /// <summary>True when the thread entered the kernel through SYSCALL (rax = number, rdi.. = arguments).</summary>
        public bool InSyscall => Frame.Vector == SyscallVector;

        /// <summary>A fresh context: ring 3 at <paramref name="rip"/> with stack <paramref name="rsp"/>, interrupts on,
        /// registers zero, default x87/SSE control words.</summary>
        public static UserContext* Create(ulong rip, ulong rsp, ulong cr3)
        {
            var context = (UserContext*)PhysicalMemory.AllocateZeroed((ulong)sizeof(UserContext), Alignment);
            Initialize(context, rip, rsp, cr3);
            return context;
        }

        /// <summary>Makes <paramref name="context"/> fresh in place (a thread id used again keeps its context memory).</summary>
        public static void Initialize(UserContext* context, ulong rip, ulong rsp, ulong cr3)
        {
            byte* bytes = (byte*)context;
            for (int i = 0; i < sizeof(UserContext); i++)
            {
                bytes[i] = 0;
            }
            context->Frame.Rip = rip;
            context->Frame.Rsp = rsp;
            context->Frame.Cs = Gdt.UserCode;
            context->Frame.Ss = Gdt.UserData;
            context->Frame.Rflags = InterruptsEnabled;
            context->Cr3 = cr3;
            *(ushort*)context->Fx = DefaultFpuControl;
            *(uint*)(context->Fx + 24) = DefaultMxcsr;
        }
    }
}
