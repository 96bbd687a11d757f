/* Lean kernel entries for the benchmark task (user/Tasks/Bench): no register block in memory, so what a benchmark
 * counts is the kernel's work plus the few instructions any caller needs.
 * ulong user_bench_ipc(ulong send, ulong receive, ulong timeouts, ulong tag, ulong mr1, ulong mr2): syscall 3 with
 * MR0 = tag and MR1, MR2 as given (the C calling convention already puts them in r8 and r9: a typed item's two
 * words); MR3..MR8 are whatever the registers hold (their values do not matter to a benchmark, only how many words
 * the tag counts) and MR9.. are the UTCB's. The receive phase overwrites MR3..MR8 = r12-r15, rbx, rbp, which the C# caller expects
 * preserved: they are saved around the call. Returns rax.
 * ulong user_bench_null(): syscall 0. */
    .text
    .global user_bench_ipc
user_bench_ipc:
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rcx, %r10
    mov $3, %eax
    syscall
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret

    .global user_bench_null
user_bench_null:
    xor %eax, %eax
    syscall
    ret
