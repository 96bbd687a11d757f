/* Lean kernel entries for the benchmark task (user/Tasks/Bench): no register block in memory, so what a benchmark
 * counts is the kernel's work plus the few instructions any caller needs.
 * ulong user_bench_ipc(ulong send, ulong receive, ulong timeouts, ulong tag, ulong mr1, ulong mr2): syscall 3 with
 * MR0 = tag and MR1, MR2 as given (the C calling convention already puts them in r8 and r9: a typed item's two
 * words); MR3..MR8 are whatever the registers hold (their values do not matter to a benchmark, only how many words
 * the tag counts) and MR9.. are the UTCB's. The receive phase overwrites MR3..MR8 = r12-r15, rbx, rbp, which the C# caller expects
 * preserved: they are saved around the call. Returns rax.
 * ulong user_bench_null(): syscall 0. */
    .text
/* MR3..MR8 (r12-r15, rbx, rbp), which a receive may write and a C# caller expects kept. */
    .macro SAVE_MR3_TO_MR8
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    .endm
    .macro RESTORE_MR3_TO_MR8
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    .endm

    .global user_bench_ipc
user_bench_ipc:
    SAVE_MR3_TO_MR8
    mov %rcx, %r10
    mov $3, %eax
    syscall
    RESTORE_MR3_TO_MR8
    ret

    .global user_bench_null
user_bench_null:
    xor %eax, %eax
    syscall
    ret

/* sel4bench's shape, for one row that compares with seL4 as sel4bench measures it: there the IPC syscall is inline
 * assembly in a C loop (DO_CALL, DO_REPLY_RECV), whose compiler saves the registers the kernel may write once per
 * function, so that the timed region holds only the syscall and its few register moves. user_bench_ipc above is
 * called from C#, which needs MR3..MR8's six registers saved around every call. Here both sides are assembly:
 *
 * ulong user_bench_call_timed(ulong send, ulong tag): a Call (receive Nil, every timeout infinite) between two
 * counter reads, with MR3..MR8 saved outside them; returns the counter difference, or ~0 when the Call failed.
 * ulong user_bench_call_timed_empty(ulong send, ulong tag): the same instructions with the syscall replaced by one
 * that sets its result to 0: the timing's own cost, subtracted from the row.
 * noreturn void user_bench_serve(ulong slot, ulong tag): a server that waits on `slot` for its first request, then
 * answers each with ReplyWait (reply tag `tag`) and waits for the next, forever; a failed IPC waits afresh. Its loop
 * keeps slot and tag on its stack, which no receive writes. */
    .macro CALL_TIMED syscall_insn
    SAVE_MR3_TO_MR8
    mov %rdi, %r12
    mov %rsi, %r13
    rdtsc
    shl $32, %rdx
    or %rdx, %rax
    push %rax                   /* the start, where no reply writes it */
    mov %r12, %rdi              /* send specifier: the endpoint's slot with the Call bit */
    mov $0xFFFFFFFF, %esi       /* receive: Nil */
    mov $-1, %rdx               /* timeouts: all infinite */
    mov %r13, %r10              /* MR0: the tag */
    mov $3, %eax                /* IPC */
    \syscall_insn
    mov %rax, %rcx
    rdtsc
    shl $32, %rdx
    or %rdx, %rax
    pop %rdx
    sub %rdx, %rax
    test %rcx, %rcx
    jz 1f
    mov $-1, %rax
1:  RESTORE_MR3_TO_MR8
    ret
    .endm

    .global user_bench_call_timed
user_bench_call_timed:
    CALL_TIMED syscall

    .global user_bench_call_timed_empty
user_bench_call_timed_empty:
    CALL_TIMED "xor %eax, %eax"

    .global user_bench_serve
user_bench_serve:
    push %rdi                   /* 8(%rsp): slot */
    push %rsi                   /* 0(%rsp): tag */
2:  mov $0xFFFFFFFF, %edi       /* Wait: send Nil */
    mov 8(%rsp), %rsi           /* receive: the endpoint */
    mov $-1, %rdx
    xor %r10d, %r10d
    mov $3, %eax
    syscall
3:  test %rax, %rax
    jnz 2b
    mov $0xFFFFFFFE, %edi       /* ReplyWait: the reply specifier */
    mov 8(%rsp), %rsi
    mov $0xFFFFFFFFFFFF0000, %rdx  /* reply without waiting, the rest infinite */
    mov (%rsp), %r10
    mov $3, %eax
    syscall
    jmp 3b
