/* Addresses of kernel-only symbols for C# (hal/X64/KernelSymbols.cs): one function per symbol, returning its
 * address. */

    .include "Frame.inc"

    .text
    ADDRESS_OF image_isr_stub_table, isr_stub_table
    ADDRESS_OF image_stack_guard, boot_stack_guard
    ADDRESS_OF image_core_arrays, __core_arrays
    ADDRESS_OF image_irq_stub_table, irq_stub_table
    ADDRESS_OF image_syscall_entry, syscall_entry
    ADDRESS_OF image_user_probe_null_start, user_probe_null_start
    ADDRESS_OF image_user_probe_null_end, user_probe_null_end
    ADDRESS_OF image_user_probe_print_start, user_probe_print_start
    ADDRESS_OF image_user_probe_print_end, user_probe_print_end
    ADDRESS_OF image_user_probe_badcall_start, user_probe_badcall_start
    ADDRESS_OF image_user_probe_badcall_end, user_probe_badcall_end
    ADDRESS_OF image_user_probe_privileged_start, user_probe_privileged_start
    ADDRESS_OF image_user_probe_privileged_end, user_probe_privileged_end
    ADDRESS_OF image_user_probe_kernelread_start, user_probe_kernelread_start
    ADDRESS_OF image_user_probe_kernelread_end, user_probe_kernelread_end
    ADDRESS_OF image_user_probe_spin_start, user_probe_spin_start
    ADDRESS_OF image_user_probe_spin_end, user_probe_spin_end
    ADDRESS_OF image_user_probe_counter_start, user_probe_counter_start
    ADDRESS_OF image_user_probe_counter_end, user_probe_counter_end
