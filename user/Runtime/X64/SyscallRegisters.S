/* The full-register kernel entry for C#: ulong user_syscall_regs(SyscallRegisters* block).
 * The block is 13 words in the order of user/Library/SyscallRegisters.cs: rax, rdi, rsi, rdx, r10, r8, r9, r12,
 * r13, r14, r15, rbx, rbp (docs/abi.md section 1). All 13 are loaded, SYSCALL enters the kernel, all 13 are stored
 * back; rcx and r11 are SYSCALL's own. The callee-saved registers of the C# caller (rbx, rbp, r12-r15) carry
 * message registers, so they are saved around the call. Returns rax. */
    .text
    .global user_syscall_regs
user_syscall_regs:
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    push %rdi                   /* the block: every other register is the kernel's during the call */
    mov 0(%rdi), %rax
    mov 16(%rdi), %rsi
    mov 24(%rdi), %rdx
    mov 32(%rdi), %r10
    mov 40(%rdi), %r8
    mov 48(%rdi), %r9
    mov 56(%rdi), %r12
    mov 64(%rdi), %r13
    mov 72(%rdi), %r14
    mov 80(%rdi), %r15
    mov 88(%rdi), %rbx
    mov 96(%rdi), %rbp
    mov 8(%rdi), %rdi
    syscall
    pop %rcx                    /* rcx is clobbered by SYSCALL anyway */
    mov %rax, 0(%rcx)
    mov %rdi, 8(%rcx)
    mov %rsi, 16(%rcx)
    mov %rdx, 24(%rcx)
    mov %r10, 32(%rcx)
    mov %r8, 40(%rcx)
    mov %r9, 48(%rcx)
    mov %r12, 56(%rcx)
    mov %r13, 64(%rcx)
    mov %r14, 72(%rcx)
    mov %r15, 80(%rcx)
    mov %rbx, 88(%rcx)
    mov %rbp, 96(%rcx)
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret
