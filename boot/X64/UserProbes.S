/* Tiny ring-3 programs the boot self-checks run (kernel/SelfTest/UserMode). Each is position-independent
 * code copied into a user page. System calls (kernel/Syscalls/SyscallNumbers.cs): rax = number, rdi = argument,
 * result in rax; 0 null, 1 debug character, 2 exit with a code. */

    .set SYS_NULL, 0
    .set SYS_PUTCHAR, 1
    .set SYS_EXIT, 2

    .section .rodata
    .align 16

/* Null system call, then exit with its result plus 0x1000 (so "exit 0x1000" proves both happened). */
    .global user_probe_null_start, user_probe_null_end
user_probe_null_start:
    mov $SYS_NULL, %eax
    syscall
    lea 0x1000(%rax), %rdi
    mov $SYS_EXIT, %eax
    syscall
    ud2
user_probe_null_end:

/* Prints "ring3\n" through the debug system call, checks callee registers survive, exits with 0x33. */
    .global user_probe_print_start, user_probe_print_end
user_probe_print_start:
    mov $0x1234567890, %rbx
    lea 3f(%rip), %r12
1:  movzbl (%r12), %edi
    test %edi, %edi
    jz 2f
    mov $SYS_PUTCHAR, %eax
    syscall
    inc %r12
    jmp 1b
2:  mov $0x1234567890, %rcx
    cmp %rcx, %rbx
    jne 4f
    mov $0x33, %edi
    mov $SYS_EXIT, %eax
    syscall
4:  mov $0xbad, %edi
    mov $SYS_EXIT, %eax
    syscall
3:  .asciz "ring3\n"
user_probe_print_end:

/* An unknown system call must return an error, not fault: exits with what it returned. */
    .global user_probe_badcall_start, user_probe_badcall_end
user_probe_badcall_start:
    mov $0xdead, %eax
    syscall
    mov %rax, %rdi
    mov $SYS_EXIT, %eax
    syscall
user_probe_badcall_end:

/* A privileged instruction in ring 3: #GP, contained by the kernel. */
    .global user_probe_privileged_start, user_probe_privileged_end
user_probe_privileged_start:
    cli
    hlt
    mov $SYS_EXIT, %eax
    syscall
user_probe_privileged_end:

/* Reads kernel memory (the image at 1 MiB, mapped supervisor-only): #PF with the user bit, contained. */
    .global user_probe_kernelread_start, user_probe_kernelread_end
user_probe_kernelread_start:
    mov $0x100000, %rax
    mov (%rax), %rdi
    mov $SYS_EXIT, %eax
    syscall
user_probe_kernelread_end:

/* Loops forever with interrupts enabled: only the timer gets the CPU back. */
    .global user_probe_spin_start, user_probe_spin_end
user_probe_spin_start:
1:  pause
    jmp 1b
user_probe_spin_end:

/* Counts forever, publishing the count at DATA_PAGE, and checks at every step that its registers survived:
 * r13 must be ~r12 and xmm3 must equal r12. Several copies run in separate address spaces, switched by the
 * timer; a context switch that lost a general or vector register makes a copy exit with 0xbad. */
    .set DATA_PAGE, 0x8000200000    /* UserRun.DataPage */
    .global user_probe_counter_start, user_probe_counter_end
user_probe_counter_start:
    xor %r12d, %r12d
    mov $-1, %r13
    pxor %xmm3, %xmm3
    movabs $DATA_PAGE, %r14
1:  mov %r12, %rax
    not %rax
    cmp %rax, %r13
    jne 9f
    movq %xmm3, %rax
    cmp %rax, %r12
    jne 9f
    mov %r12, (%r14)
    inc %r12
    mov %r12, %r13
    not %r13
    movq %r12, %xmm3
    jmp 1b
9:  mov $0xbad, %edi
    mov $SYS_EXIT, %eax
    syscall
user_probe_counter_end:
