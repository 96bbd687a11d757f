/* The Linux side of `./verified bench --peers`: runs as /init of a one-file initramfs under QEMU -icount and
 * measures, in guest instructions (rdtsc counts them under -icount), the same kinds of operation the Verified
 * benchmark image does: a null-ish system call (getppid), a futex ping-pong round trip between two threads and a
 * pipe ping-pong round trip between two processes. Method: warm-up, N timed iterations, the cost of the timing
 * itself measured and subtracted, the best of several runs. Ends QEMU through isa-debug-exit (0x10 = success). */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/io.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define ITERATIONS 1000
#define RUNS 3
#define DEBUG_EXIT_PORT 0xf4

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t timing_overhead(void)
{
    uint64_t best = UINT64_MAX;
    for (int i = 0; i < 100; i++) {
        uint64_t t0 = rdtsc();
        uint64_t t1 = rdtsc();
        if (t1 - t0 < best) best = t1 - t0;
    }
    return best;
}

static void report(const char *name, uint64_t total)
{
    uint64_t tenths = total * 10 / ITERATIONS;
    printf("bench: linux %s = %llu.%llu instructions\n", name,
           (unsigned long long)(tenths / 10), (unsigned long long)(tenths % 10));
}

static uint64_t run_getppid(uint64_t overhead)
{
    for (int i = 0; i < 100; i++) syscall(SYS_getppid);
    uint64_t t0 = rdtsc();
    for (int i = 0; i < ITERATIONS; i++) syscall(SYS_getppid);
    return rdtsc() - t0 - overhead;
}

static volatile int ping, pong;

static void futex_wait(volatile int *word, int value)
{
    syscall(SYS_futex, word, FUTEX_WAIT, value, NULL, NULL, 0);
}

static void futex_wake(volatile int *word)
{
    syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void *futex_partner(void *rounds)
{
    for (long i = 0; i < (long)rounds; i++) {
        while (__atomic_load_n(&ping, __ATOMIC_ACQUIRE) == 0) futex_wait(&ping, 0);
        __atomic_store_n(&ping, 0, __ATOMIC_RELEASE);
        __atomic_store_n(&pong, 1, __ATOMIC_RELEASE);
        futex_wake(&pong);
    }
    return NULL;
}

static void futex_rounds(int rounds)
{
    for (int i = 0; i < rounds; i++) {
        __atomic_store_n(&ping, 1, __ATOMIC_RELEASE);
        futex_wake(&ping);
        while (__atomic_load_n(&pong, __ATOMIC_ACQUIRE) == 0) futex_wait(&pong, 0);
        __atomic_store_n(&pong, 0, __ATOMIC_RELEASE);
    }
}

static uint64_t run_futex(uint64_t overhead)
{
    pthread_t partner;
    pthread_create(&partner, NULL, futex_partner, (void *)(long)(100 + ITERATIONS));
    futex_rounds(100);
    uint64_t t0 = rdtsc();
    futex_rounds(ITERATIONS);
    uint64_t total = rdtsc() - t0 - overhead;
    pthread_join(partner, NULL);
    return total;
}

static uint64_t run_pipe(uint64_t overhead)
{
    int there[2], back[2];
    char byte = 'x';
    if (pipe(there) != 0 || pipe(back) != 0) return 0;
    pid_t child = fork();
    if (child == 0) {
        for (int i = 0; i < 100 + ITERATIONS; i++) {
            if (read(there[0], &byte, 1) != 1 || write(back[1], &byte, 1) != 1) _exit(1);
        }
        _exit(0);
    }
    for (int i = 0; i < 100; i++) {
        if (write(there[1], &byte, 1) != 1 || read(back[0], &byte, 1) != 1) return 0;
    }
    uint64_t t0 = rdtsc();
    for (int i = 0; i < ITERATIONS; i++) {
        if (write(there[1], &byte, 1) != 1 || read(back[0], &byte, 1) != 1) return 0;
    }
    uint64_t total = rdtsc() - t0 - overhead;
    waitpid(child, NULL, 0);
    return total;
}

static uint64_t best_of(uint64_t (*benchmark)(uint64_t), uint64_t overhead)
{
    uint64_t best = UINT64_MAX;
    for (int run = 0; run < RUNS; run++) {
        uint64_t total = benchmark(overhead);
        if (total != 0 && total < best) best = total;
    }
    return best;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    uint64_t overhead = timing_overhead();
    report("getppid", best_of(run_getppid, overhead));
    report("futex ping-pong round trip", best_of(run_futex, overhead));
    report("pipe ping-pong round trip", best_of(run_pipe, overhead));
    fflush(stdout);
    if (ioperm(DEBUG_EXIT_PORT, 1, 1) == 0) outb(0x10, DEBUG_EXIT_PORT);
    for (;;) pause();
}
