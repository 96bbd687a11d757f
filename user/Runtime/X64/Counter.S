/* The time-stamp counter for benchmarks: ulong user_rdtsc(). Under QEMU -icount shift=0 (./verified bench) it counts
 * executed guest instructions, one per instruction at every privilege level, so a difference of two readings is the
 * instruction count of what ran between them (interrupt handlers and other threads included). No fence: under
 * -icount rdtsc is exact, and the benchmark subtracts the cost of two back-to-back readings. */
    .text
    .global user_rdtsc
user_rdtsc:
    rdtsc
    shl $32, %rdx
    or %rdx, %rax
    ret
