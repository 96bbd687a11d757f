/* The system call instruction for C#: ulong user_syscall(ulong number, ulong a0, ulong a1, ulong a2).
 * Kernel ABI (docs/x64-hal.md): rax = number, rdi, rsi, rdx = arguments, result in rax; rcx, r11 clobbered. */
    .text
    .global user_syscall
user_syscall:
    mov %rdi, %rax
    mov %rsi, %rdi
    mov %rdx, %rsi
    mov %rcx, %rdx
    syscall
    ret
