/* Ring 3: entering user mode, the SYSCALL entry, and the way back to the kernel.
 *
 * Kernel entries from user mode (SYSCALL, interrupts, exceptions) run on the per-CPU entry stack whose top is
 * user_entry_stack_top (also the TSS's RSP0). The kernel keeps no state on it between entries: everything a thread
 * needs lives in its saved frame. One CPU for now: the per-CPU words below become a GS-based area with SMP.
 *
 * user_enter(rip, rsp, cr3) saves the kernel's callee-saved registers and stack in user_kernel_context, switches to
 * the user address space and irets to ring 3. user_return(result) gives control back to the kernel code that called
 * user_enter, which returns result: the kernel's way out of a user program that exits or is stopped.
 */

    .set USER_CODE,  0x23       /* Gdt.UserCode: 0x20 | RPL 3 */
    .set USER_DATA,  0x1b       /* Gdt.UserData: 0x18 | RPL 3 */
    .set RFLAGS_IF,  0x200
    .set RFLAGS_RESERVED, 0x2

    .bss
    .align 16
    .global user_entry_stack_bottom
user_entry_stack_bottom:
    .skip 32768
    .global user_entry_stack_top
user_entry_stack_top:

    .align 8
user_kernel_context:            /* rbx rbp r12 r13 r14 r15 rsp cr3: the kernel side of user_enter */
    .skip 64
user_saved_rsp:                 /* the user rsp while the SYSCALL entry switches stacks */
    .skip 8

    .text
    .code64

    .global user_enter
user_enter:                     /* ulong user_enter(ulong rip, ulong rsp, ulong cr3) */
    lea user_kernel_context(%rip), %rax
    mov %rbx, 0(%rax)
    mov %rbp, 8(%rax)
    mov %r12, 16(%rax)
    mov %r13, 24(%rax)
    mov %r14, 32(%rax)
    mov %r15, 40(%rax)
    mov %rsp, 48(%rax)          /* points at our return address */
    mov %cr3, %rcx
    mov %rcx, 56(%rax)
    mov %rdx, %cr3
    pushq $USER_DATA            /* ss */
    pushq %rsi                  /* rsp */
    pushq $(RFLAGS_IF | RFLAGS_RESERVED)
    pushq $USER_CODE            /* cs */
    pushq %rdi                  /* rip */
    /* No kernel value may leak into ring 3. */
    xor %eax, %eax
    xor %ebx, %ebx
    xor %ecx, %ecx
    xor %edx, %edx
    xor %esi, %esi
    xor %edi, %edi
    xor %ebp, %ebp
    xor %r8d, %r8d
    xor %r9d, %r9d
    xor %r10d, %r10d
    xor %r11d, %r11d
    xor %r12d, %r12d
    xor %r13d, %r13d
    xor %r14d, %r14d
    xor %r15d, %r15d
    iretq

    .global user_return
user_return:                    /* noreturn void user_return(ulong result): resumes after user_enter */
    mov %rdi, %rax
    lea user_kernel_context(%rip), %rdx
    mov 56(%rdx), %rcx
    mov %rcx, %cr3
    mov 0(%rdx), %rbx
    mov 8(%rdx), %rbp
    mov 16(%rdx), %r12
    mov 24(%rdx), %r13
    mov 32(%rdx), %r14
    mov 40(%rdx), %r15
    mov 48(%rdx), %rsp
    ret

/* SYSCALL: rcx = user rip, r11 = user rflags, interrupts masked by FMASK. The frame mirrors
 * hal/X64/SyscallFrame.cs: rax rdi rsi rdx r10 r8 r9 rbx rbp r12 r13 r14 r15, then rip rflags rsp. */
    .global syscall_entry
syscall_entry:
    mov %rsp, user_saved_rsp(%rip)
    lea user_entry_stack_top(%rip), %rsp
    pushq user_saved_rsp(%rip)
    push %r11
    push %rcx
    push %r15
    push %r14
    push %r13
    push %r12
    push %rbp
    push %rbx
    push %r9
    push %r8
    push %r10
    push %rdx
    push %rsi
    push %rdi
    push %rax
    mov %rsp, %rbx              /* the frame; callee-saved */
    sub $512, %rsp              /* fxsave area: C# code uses xmm registers the user may hold live */
    and $~0xF, %rsp
    fxsave (%rsp)
    mov %rbx, %rdi
    call KernelSyscall          /* writes the result into the frame's rax */
    fxrstor (%rsp)
    mov %rbx, %rsp
    pop %rax
    pop %rdi
    pop %rsi
    pop %rdx
    pop %r10
    pop %r8
    pop %r9
    pop %rbx
    pop %rbp
    pop %r12
    pop %r13
    pop %r14
    pop %r15
    /* Left on the stack: user rip, rflags, rsp. SYSRET to a non-canonical rip would fault in ring 0 on the
     * user's stack, so refuse one: the kernel set a bad user rip, its own bug, reported as #UD. */
    mov 0(%rsp), %rcx
    mov %rcx, %r11
    sar $47, %r11
    jz 1f
    cmp $-1, %r11
    jne 2f
1:  mov 8(%rsp), %r11
    mov 16(%rsp), %rsp
    sysretq
2:  ud2
