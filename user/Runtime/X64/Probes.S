/* Misbehaving ring-3 code for the robustness scenarios of the selftest task (user/Tasks/SelfTest/Robustness): each
 * is a thread's whole program. A fault must reach the thread's handler as page-fault or exception IPC and leave the
 * kernel and every other thread running; the spinner must be preempted by its timeslice. None returns.
 * ulong user_probe_address(int which) gives the entry of probe `which` (the order of the table below). */
    .set KERNEL_CODE, 0x100000              /* the kernel's image: mapped in every space, supervisor-only */

    .text
probe_jump_kernel:                          /* instruction fetch from a kernel page: #PF, P U I */
    mov $KERNEL_CODE, %rax
    jmp *%rax
probe_read_kernel:                          /* a read of a kernel page: #PF, P U */
    mov KERNEL_CODE, %rax
    ud2
probe_write_kernel:                         /* a write to a kernel page: #PF, P W U */
    movq $0, KERNEL_CODE
    ud2
probe_privileged:                           /* cli in ring 3: #GP(0) */
    cli
    ud2
probe_port:                                 /* port I/O without permission: #GP(0) */
    inb $0x60, %al
    ud2
probe_noncanonical:                         /* a jump to a non-canonical address: #GP(0) at the jump */
    movabs $0x8000000000000000, %rax
    jmp *%rax
probe_undefined:                            /* #UD */
    ud2
probe_divide:                               /* #DE */
    xor %ecx, %ecx
    xor %edx, %edx
    mov $1, %eax
    div %ecx
    ud2
probe_spin:                                 /* an endless loop: only the timer takes the processor back */
    jmp probe_spin
probe_load_cr3:                             /* a privileged register write: #GP(0) */
    xor %eax, %eax
    mov %rax, %cr3
    ud2

    .section .rodata
    .align 8
probe_table:
    .quad probe_jump_kernel, probe_read_kernel, probe_write_kernel, probe_privileged, probe_port
    .quad probe_noncanonical, probe_undefined, probe_divide, probe_spin, probe_load_cr3
    .set PROBES, 10

    .text
    .global user_probe_address
user_probe_address:                         /* ulong user_probe_address(int which); 0 when out of range */
    xor %eax, %eax
    cmp $PROBES, %edi
    jae 1f
    lea probe_table(%rip), %rax
    mov (%rax, %rdi, 8), %rax
1:  ret
