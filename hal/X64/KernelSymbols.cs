// Addresses of kernel-only symbols (boot/X64: Interrupts.S, UserMode.S, UserProbes.S, the boot stack), read
// through the accessors of boot/X64/KernelSymbols.S.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Verified.Hal.X64
{
    public static unsafe class KernelSymbols
    {
        /// <summary>The page below the boot stack, left unmapped so a stack overflow faults.</summary>
        [RuntimeImport("*", "image_stack_guard")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* StackGuard();

        /// <summary>The IPC core's fixed arrays (boot/X64/linker.ld's .corearrays; boot/Runtime/FixedArrays.cs).</summary>
        [RuntimeImport("*", "image_core_arrays")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* CoreArrays();

        /// <summary>The 32 exception entry stubs of boot/X64/Interrupts.S, in vector order.</summary>
        [RuntimeImport("*", "image_isr_stub_table")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong* IsrStubTable();

        /// <summary>Entry stubs of vectors 32..48 in order, then 255 (boot/X64/Interrupts.S).</summary>
        [RuntimeImport("*", "image_irq_stub_table")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern ulong* IrqStubTable();

        [RuntimeImport("*", "image_syscall_entry")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* SyscallEntry();

        [RuntimeImport("*", "image_user_probe_null_start")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbeNullStart();

        [RuntimeImport("*", "image_user_probe_null_end")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbeNullEnd();

        [RuntimeImport("*", "image_user_probe_print_start")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbePrintStart();

        [RuntimeImport("*", "image_user_probe_print_end")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbePrintEnd();

        [RuntimeImport("*", "image_user_probe_badcall_start")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbeBadCallStart();

        [RuntimeImport("*", "image_user_probe_badcall_end")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbeBadCallEnd();

        [RuntimeImport("*", "image_user_probe_privileged_start")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbePrivilegedStart();

        [RuntimeImport("*", "image_user_probe_privileged_end")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbePrivilegedEnd();

        [RuntimeImport("*", "image_user_probe_kernelread_start")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbeKernelReadStart();

        [RuntimeImport("*", "image_user_probe_kernelread_end")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbeKernelReadEnd();

        [RuntimeImport("*", "image_user_probe_spin_start")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbeSpinStart();

        [RuntimeImport("*", "image_user_probe_spin_end")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbeSpinEnd();

        [RuntimeImport("*", "image_user_probe_counter_start")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbeCounterStart();

        [RuntimeImport("*", "image_user_probe_counter_end")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern byte* ProbeCounterEnd();
    }
}
